import { passesOnTheRealEngine } from './passes-on-the-real-engine';

passesOnTheRealEngine('restart-mid-migration.yaml');

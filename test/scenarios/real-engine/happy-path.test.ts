import { passesOnTheRealEngine } from './passes-on-the-real-engine';

passesOnTheRealEngine('happy-path.yaml');

import { passesOnTheRealEngine } from './passes-on-the-real-engine';

passesOnTheRealEngine('cancel.yaml');

import { passesOnTheRealEngine } from './passes-on-the-real-engine';

passesOnTheRealEngine('monitoring-problem-rollback.yaml');

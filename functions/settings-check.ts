import { createConsoleLogger } from '../platform/console-logger';
import { reportSettings } from '../platform/settings-report';

// Loaded with the other entry files when the worker starts: every setting problem is logged once,
// naming the settings. Nothing here throws, since a throw while an entry file loads would
// unregister the app's functions; a required setting's problem is answered on each request too.
try {
  reportSettings(createConsoleLogger('settings'));
} catch (error) {
  createConsoleLogger('settings').error('The settings could not be checked', {
    error: error instanceof Error ? error.name : 'unknown',
  });
}

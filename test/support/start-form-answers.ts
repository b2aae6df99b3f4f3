// Plain data, free of vitest, so child processes that drive the app can use it too.

/** The start form's answers for AADC01 to AADC-NEW01, Berlin working hours, seven days of monitoring. */
export const startFormAnswers = {
  oldServer: 'AADC01',
  newServer: 'AADC-NEW01.contoso.com',
  monitoringDays: '7',
  timeZone: 'Europe/Berlin',
  workStart: '08:00',
  workEnd: '17:00',
  workDays: '1,2,3,4,5',
} as const;

/** Global Privacy Control or Do Not Track is on in this browser. */
export const privacySignal = (): boolean => {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.globalPrivacyControl || nav.doNotTrack === "1";
};

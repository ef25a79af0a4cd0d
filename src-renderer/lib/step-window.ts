// How many of a run's latest steps the call log and the memory picker draw at once. A page that
// drew every step of a 10,000-step run spent most of the run restyling them: the call log's
// rows, and the picker's options (each added option made Chromium rebuild the select's list).

export const STEP_WINDOW = 400;

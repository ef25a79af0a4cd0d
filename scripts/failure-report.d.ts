export function failureReport(output: string): string;

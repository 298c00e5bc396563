/** One pass/fail check of a soak part. */
export interface SoakCheck {
  description: string;
  passed: boolean;
  /** What was observed. */
  detail: string;
}

/** What one soak part found. */
export interface SoakReport {
  title: string;
  /** Figures worth reading beside the checks (markdown lines). */
  lines: string[];
  checks: SoakCheck[];
  /** Set when the part could not run here (a missing system dependency outside CI). */
  skipped?: string;
}

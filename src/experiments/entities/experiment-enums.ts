/** DRAFT → RUNNING → STOPPED → CONCLUDED → PUBLISHED, or ARCHIVED from any non-published state. */
export enum ExperimentStatus {
  DRAFT = 'DRAFT',
  RUNNING = 'RUNNING',
  STOPPED = 'STOPPED',
  CONCLUDED = 'CONCLUDED',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** TRACKED: the outcome is read from the product's own data; LOGGED: daily counts are logged by people. */
export enum MetricKind {
  TRACKED = 'TRACKED',
  LOGGED = 'LOGGED',
}

/** What is randomized: single leads, or whole squads / cohorts (cluster randomization). */
export enum RandomizationUnit {
  LEAD = 'LEAD',
  SQUAD = 'SQUAD',
  COHORT = 'COHORT',
}

export enum AnalysisMode {
  FIXED_HORIZON = 'FIXED_HORIZON',
  SEQUENTIAL = 'SEQUENTIAL',
}

export enum ExperimentVerdict {
  WIN = 'WIN',
  LOSS = 'LOSS',
  INCONCLUSIVE = 'INCONCLUSIVE',
}

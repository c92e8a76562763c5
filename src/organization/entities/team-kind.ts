export enum TeamKind {
  PRE_SALES = 'PRE_SALES',
  COURSE_SERVICE = 'COURSE_SERVICE',
}

export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  LEAD = 'LEAD',
  MEMBER = 'MEMBER',
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-organization course-service settings: curator capacity and the squads that take new students. */
@Entity('course_service_settings')
export class CourseServiceSettings {
  @PrimaryColumn('uuid')
  organizationId: string;

  /** Active enrollments a curator can carry. */
  @Column('integer', { default: 60 })
  curatorCapacity: number;

  /** Squads that receive new students; null = every course-service squad. */
  @Column('uuid', { array: true, nullable: true })
  squadIds: string[] | null;

  /** Course length in days when an enrollment is created from an order. */
  @Column('integer', { default: 90 })
  defaultCourseDays: number;
}

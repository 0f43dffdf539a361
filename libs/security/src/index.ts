// Public face of @budgetflow/security: audit query, security events (failed logins, refused actions).
export * from './security.module';
export * from './security-events/security-event-recorder';
export * from './audit/audit-query';
export { AUDIT_TRAIL, auditTrailProjection } from './audit/audit-trail.projection';
export { AuditController } from './audit/audit.http';

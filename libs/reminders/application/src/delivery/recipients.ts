import { Inject, Injectable } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import type { Audience } from '@budgetflow/reminders-domain';
import type { Contact } from './email-channel';
import type { WebhookEndpoint } from './webhook-channel';
import { SQL_CLIENT } from '@budgetflow/platform';

/** Who receives what an audience is sent: its email contacts and webhook endpoints (managed over the API). */
@Injectable()
export class Recipients {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async contacts(audience: Audience): Promise<Contact[]> {
    return (await this.sql.query<Contact>('SELECT id, name, email FROM notification_contacts WHERE audience = $1 ORDER BY email', [audience])).rows;
  }

  async webhooks(audience: Audience): Promise<WebhookEndpoint[]> {
    return (await this.sql.query<WebhookEndpoint>('SELECT id, url, secret FROM webhook_endpoints WHERE audience = $1 ORDER BY id', [audience])).rows;
  }
}

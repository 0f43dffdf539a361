import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { ServiceConfig } from '@budgetflow/platform';
import type { SqlClient } from '@budgetflow/event-store';
import { SESSION_AUTHENTICATOR } from '@budgetflow/platform';
import { AccountStore } from './account-store';
import { ensureFirstAdmin } from './first-admin';
import { OidcClient } from './oidc/oidc-client';
import { OidcSessionAuthenticator } from './oidc/oidc-session-authenticator';
import { OidcSignInController } from './oidc/oidc.http';
import { OidcSessionStore } from './oidc/oidc-session-store';
import { LocalSessionAuthenticator } from './sessions/local-session-authenticator';
import { ACCOUNTS_CONFIG, SignInController } from './sign-in/sign-in.http';
import { SignInService } from './sign-in/sign-in.service';
import { UsersController } from './users/users.http';
import { UsersService } from './users/users.service';

@Injectable()
class FirstAdmin implements OnApplicationBootstrap {
  constructor(@Inject(AccountStore) private readonly store: AccountStore) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureFirstAdmin(this.store);
  }
}

/**
 * 本地账户 — sign-in with login name and password for counties without an identity provider. Registered only when
 * `AUTH_ISSUER` is unset (`config.accounts.enabled`); with an issuer none of its routes exist and the guard knows
 * bearer tokens only. `sqlClient` is the app's SQL client token.
 */
@Global()
@Module({})
export class AccountsModule {
  static forRoot(config: ServiceConfig, options: { sqlClient: symbol | string }): DynamicModule {
    if (!config.accounts.enabled) return config.auth.issuer && config.auth.consoleClientId ? AccountsModule.oidc(config, options, config.auth.issuer, config.auth.consoleClientId) : { module: AccountsModule };
    return {
      module: AccountsModule,
      controllers: [SignInController, UsersController],
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: config },
        { provide: AccountStore, inject: [options.sqlClient], useFactory: (sql: SqlClient) => new AccountStore(sql, config.accounts) },
        { provide: SignInService, inject: [AccountStore], useFactory: (store: AccountStore) => new SignInService(store, config.accounts) },
        { provide: UsersService, inject: [AccountStore], useFactory: (store: AccountStore) => new UsersService(store) },
        {
          provide: SESSION_AUTHENTICATOR,
          inject: [AccountStore],
          useFactory: (store: AccountStore) => new LocalSessionAuthenticator(store, config.accounts.sessionIdleSeconds),
        },
        FirstAdmin,
      ],
      exports: [SESSION_AUTHENTICATOR],
    };
  }

  /** With `AUTH_ISSUER` and `AUTH_CLIENT_ID`: the console signs in through the issuer; no local accounts. */
  private static oidc(config: ServiceConfig, options: { sqlClient: symbol | string }, issuer: string, clientId: string): DynamicModule {
    return {
      module: AccountsModule,
      controllers: [OidcSignInController],
      providers: [
        { provide: ACCOUNTS_CONFIG, useValue: config },
        { provide: OidcClient, useValue: new OidcClient(issuer, clientId, config.auth.scopes) },
        { provide: OidcSessionStore, inject: [options.sqlClient], useFactory: (sql: SqlClient) => new OidcSessionStore(sql, config.accounts) },
        {
          provide: SESSION_AUTHENTICATOR,
          inject: [OidcSessionStore],
          useFactory: (store: OidcSessionStore) => new OidcSessionAuthenticator(store, config.accounts.sessionIdleSeconds),
        },
      ],
      exports: [SESSION_AUTHENTICATOR],
    };
  }
}

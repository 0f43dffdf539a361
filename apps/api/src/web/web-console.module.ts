import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { ServiceConfig } from '@budgetflow/platform';
import { loadOrCreateLocalKey } from '@budgetflow/platform';
import { DEMO_SIGNING, type DemoSigning, DemoTokenController } from './demo-token.controller';
import { WebStaticServer } from './web-static';

/** Demo sign-in exists only when asked for (`DEMO=1`, `DEMO_SIGN_IN=true`), never with an OIDC issuer. */
export const demoSignInEnabled = (config: ServiceConfig): boolean => config.demoSignIn;

/**
 * 网页控制台: serves the built React console and, only with demo users on, the demo sign-in route.
 * Otherwise `DemoTokenController` is not registered and the local key is not loaded here.
 */
@Module({})
export class WebConsoleModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    const demo = demoSignInEnabled(config);
    const providers: Provider[] = [WebStaticServer];
    if (demo) {
      providers.push({
        provide: DEMO_SIGNING,
        useFactory: async (): Promise<DemoSigning> => ({ privateKey: (await loadOrCreateLocalKey(config.dataDir)).privateKey, audience: config.auth.audience }),
      });
    }
    return { module: WebConsoleModule, controllers: demo ? [DemoTokenController] : [], providers };
  }
}

import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { IdScanModule, IdScanService, type IdScanModuleOptions } from 'nestjs-id-scan';

/** The package as a host application uses it, without HTTP routes: a Nest application context around `IdScanModule`. */
export interface IdScanContext {
  service: IdScanService;
  close(): Promise<void>;
}

/** Builds an application context with `IdScanModule.forRoot(options)`; every context has its own connections. */
export async function createIdScanContext(options: IdScanModuleOptions): Promise<IdScanContext> {
  @Module({
    imports: [EventEmitterModule.forRoot(), IdScanModule.forRoot({ ...options, routes: false })],
  })
  class BenchClientModule {}

  const app: INestApplicationContext = await NestFactory.createApplicationContext(BenchClientModule, {
    logger: false,
  });
  return { service: app.get(IdScanService), close: () => app.close() };
}

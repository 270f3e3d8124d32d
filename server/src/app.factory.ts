import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureBodies, frameworkErrorReply, securityHeaders } from './common/http-platform';
import { createLogger, NestLogger } from './common/logger';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { runMigrations } from './database/migrate';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The whole server, set up but not listening: the API under /api, its OpenAPI document at
 * /api/docs, and the built h5 app at /. Migrations have run when it returns.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config.logLevel);
  const headers = securityHeaders();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: (request) => request.url === '/api/health' }),
    // A caller's own request id is kept (to follow a request across services), else one is made.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // A number of proxies as Fastify itself reads one (its options' type here lacks numbers).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: config.bodyLimit.bytes,
    frameworkErrors: frameworkErrorReply(headers),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestLogger(logger),
    // configureBodies sets the parsers.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  configureBodies(fastify, config.bodyLimit.bytes);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('SafeMonth API').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  if (existsSync(config.h5Dir)) {
    app.useStaticAssets({ root: config.h5Dir, prefix: '/', index: 'index.html', maxAge: '1h', decorateReply: false });
  }

  await runMigrations(app.get(DataSource));
  await app.init();
  return app;
}

function trustHops(proxies: number) {
  return (_address: string, hop: number) => hop < proxies;
}

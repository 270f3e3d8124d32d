import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { bodyParsers } from './common/body-parsers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { runMigrations } from './database/migrate';

/**
 * The whole server, set up but not listening: the API under /api, its OpenAPI document at
 * /api/docs, and the built h5 app at /. Migrations have run when it returns.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          // Deployments on a plain-http intranet address must keep working.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(...bodyParsers(config.bodyLimit));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('SafeMonth API').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  if (existsSync(config.h5Dir)) {
    app.useStaticAssets(config.h5Dir, { index: 'index.html', maxAge: '1h' });
  }

  await runMigrations(app.get(DataSource));
  await app.init();
  return app;
}

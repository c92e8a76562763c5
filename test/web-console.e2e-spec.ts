import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { createLogger } from '../src/common/logger.js';
import { testConfig } from './support/harness.js';

// The web console is served by the API process at `/` (src/web/web-console.ts): files from the
// built folder, client routes answered with index.html, the API's own paths untouched.
describe('web console serving', () => {
  let app: NestExpressApplication;
  let dir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SquadOps</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
    app = await createApp(testConfig(null), createLogger('error'), { webDir: dir });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, never cached', async () => {
    for (const path of ['/', '/today', '/board/some/deep/link?x=1']) {
      const res = await http().get(path).set('Accept', 'text/html,application/xhtml+xml');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and revalidates other files', async () => {
    const asset = await http().get('/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await http().get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing file and hides dot-folders', async () => {
    expect((await http().get('/assets/missing-123.js')).status).toBe(404);
    expect((await http().get('/.vite/manifest.json').set('Accept', 'text/html')).status).toBe(404);
  });

  it('leaves /graphql, /health and the import endpoint to the API', async () => {
    const gql = await http().post('/graphql').set('Content-Type', 'application/json').send({ query: '{ __typename }' });
    expect(gql.status).toBe(200);
    expect(gql.body).toEqual({ data: { __typename: 'Query' } });
    const getGql = await http().get('/graphql').set('Accept', 'text/html');
    expect(getGql.text).not.toContain('<div id="root">');
    const health = await http().get('/health').set('Accept', 'text/html');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const imp = await http().get('/intake/import').set('Accept', 'text/html');
    expect(imp.text).not.toContain('<div id="root">');
    expect(imp.status).toBe(404);
  });

  it('does not answer non-GET requests or JSON requests with the page', async () => {
    expect((await http().post('/today').send({})).status).toBe(404);
    const json = await http().get('/today').set('Accept', 'application/json');
    expect(json.status).toBe(404);
  });
});

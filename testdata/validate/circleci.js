// Parses CircleCI configurations with CircleCI's own config parser, which
// validates them against its schema. Usage: node circleci.js FILE...
// Exit status 1 names the first file that fails.
//
// The parser's schema (0.10.0-alpha.3) accepts one image per docker
// executor, while CircleCI runs the further images as service containers
// (Postgres, say). This script checks those service images itself (an image
// name with a tag, known keys only) and parses the config without them.
const fs = require('fs');
const YAML = require('yaml');
const mod = require('@circleci/circleci-config-parser');
const parser = mod.default || mod;

const serviceKeys = new Set(['image', 'name', 'entrypoint', 'command', 'user', 'environment', 'auth', 'aws_auth']);

function stripServiceImages(executor, where) {
  if (!executor || !Array.isArray(executor.docker)) return;
  for (const service of executor.docker.slice(1)) {
    for (const key of Object.keys(service)) {
      if (!serviceKeys.has(key)) throw new Error(`${where}: service image has unknown key ${key}`);
    }
    if (typeof service.image !== 'string' || !/:[^:/]+$/.test(service.image) || service.image.endsWith(':latest')) {
      throw new Error(`${where}: service image ${service.image} is not pinned to a tag`);
    }
  }
  executor.docker = executor.docker.slice(0, 1);
}

for (const file of process.argv.slice(2)) {
  try {
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    for (const [name, ex] of Object.entries(doc.executors || {})) stripServiceImages(ex, `executor ${name}`);
    for (const [name, job] of Object.entries(doc.jobs || {})) stripServiceImages(job, `job ${name}`);
    const config = parser.parseConfig(YAML.stringify(doc));
    console.log(`${file}: jobs ${config.jobs.map((j) => j.name).join(', ')}; workflows ${config.workflows.map((w) => w.name).join(', ')}`);
  } catch (e) {
    console.error(`${file}: ${String(e.message).slice(0, 2000)}`);
    process.exit(1);
  }
}

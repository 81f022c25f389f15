// Times ONNX Runtime (the npm package onnxruntime-node) on the cases
// ganforge_onnxruntime_cases wrote, as a Node user calls it.
//
//   node harness.mjs DIR [--min-time SECONDS] [--repetitions N]
//
// For each case of DIR/cases.json and each thread count there: a session with
// that many intra-op threads (one inter-op thread, sequential execution,
// every graph optimisation), run once with its output written to DIR for the
// C++ side to check, then timed as Google Benchmark times: the iteration
// count grown until one batch of iterations lasts --min-time, then
// --repetitions batches of that many, each giving the wall-clock and process
// CPU time per call. Each call is `await session.run(feeds)`, so the times
// include Node's share of a call, measured once on a one-float Identity
// model (call_overhead_us). Writes DIR/timings.json; a case that fails is
// recorded with its error and the others still run.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import ort from 'onnxruntime-node';

function options(argv) {
  const o = {dir: null, minTime: 0.5, repetitions: 1};
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--min-time') o.minTime = Number(argv[++i]);
    else if (argv[i] === '--repetitions') o.repetitions = Number(argv[++i]);
    else if (o.dir === null) o.dir = argv[i];
    else throw new Error(`unexpected argument '${argv[i]}'`);
  }
  if (o.dir === null || !(o.minTime > 0) || !Number.isInteger(o.repetitions) || o.repetitions < 1)
    throw new Error('usage: node harness.mjs DIR [--min-time SECONDS] [--repetitions N]');
  return o;
}

function floatsOf(file, dims) {
  const bytes = fs.readFileSync(file);
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== 4 * count) throw new Error(`${file}: ${bytes.length} bytes, not ${count} floats`);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

async function session(file, threads) {
  return ort.InferenceSession.create(file, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}

// Seconds of wall clock and of process CPU for `iterations` calls.
async function timeCalls(s, feeds, iterations) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; ++i) await s.run(feeds);
  const real = Number(process.hrtime.bigint() - t0) * 1e-9;
  const cpu = process.cpuUsage(cpu0);
  return {real, cpu: (cpu.user + cpu.system) * 1e-6};
}

// Google Benchmark's rule: grow the count (at most tenfold a step) until a
// batch lasts min_time; then time `repetitions` batches of that count.
async function measure(s, feeds, minTime, repetitions) {
  let iterations = 1;
  for (;;) {
    const {real} = await timeCalls(s, feeds, iterations);
    if (real >= minTime) break;
    const factor = real / minTime > 0.1 ? (1.4 * minTime) / real : 10;
    iterations = Math.max(iterations + 1, Math.ceil(iterations * factor));
  }
  const run = {iterations, real_time_ns: [], cpu_time_ns: []};
  for (let r = 0; r < repetitions; ++r) {
    const {real, cpu} = await timeCalls(s, feeds, iterations);
    run.real_time_ns.push((real * 1e9) / iterations);
    run.cpu_time_ns.push((cpu * 1e9) / iterations);
  }
  return run;
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

async function runCase(dir, c, threads, o) {
  const where = {model: c.model, batch: c.batch, threads};
  const name = `BM_onnxruntime/${c.model}/batch:${c.batch}${threads === 1 ? '' : `/threads:${threads}`}`;
  let s = null;
  try {
    s = await session(path.join(dir, c.onnx), threads);
    const feeds = {};
    for (const input of c.inputs)
      feeds[input.name] = new ort.Tensor('float32', floatsOf(path.join(dir, input.file), input.dims), input.dims);
    const result = await s.run(feeds);
    const y = result[s.outputNames[0]];
    const expected = c.output_dims.join('x');
    if (y.type !== 'float32' || y.dims.join('x') !== expected)
      throw new Error(`output is ${y.type} ${y.dims.join('x')}, not float32 ${expected}`);
    const output = `${c.model}.batch${c.batch}.threads${threads}.output.f32`;
    fs.writeFileSync(path.join(dir, output), Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength));
    const run = await measure(s, feeds, o.minTime, o.repetitions);
    const ms = median(threads === 1 ? run.cpu_time_ns : run.real_time_ns) * 1e-6;
    console.log(`${name.padEnd(56)} ${ms.toFixed(3).padStart(12)} ms ${String(run.iterations).padStart(8)}`);
    return {...where, output, ...run};
  } catch (e) {
    console.log(`${name.padEnd(56)} ERROR: ${e.message}`);
    return {...where, error: `ONNX Runtime: ${e.message}`};
  } finally {
    if (s) await s.release();
  }
}

async function main() {
  const o = options(process.argv.slice(2));
  const cases = JSON.parse(fs.readFileSync(path.join(o.dir, 'cases.json'), 'utf8'));
  const overhead = await session(path.join(o.dir, cases.call_overhead), 1);
  const one = {input_0: new ort.Tensor('float32', new Float32Array([1]), [1, 1])};
  const calls = await measure(overhead, one, Math.max(o.minTime, 0.05), o.repetitions);
  await overhead.release();
  const timings = {
    node: process.version,
    onnxruntime: ort.env.versions.node,
    call_overhead_us: median(calls.real_time_ns) * 1e-3,
    runs: [],
  };
  console.log(`ONNX Runtime ${timings.onnxruntime} in Node ${timings.node}: ` +
              `${timings.call_overhead_us.toFixed(1)} us per call on a one-float model`);
  for (const c of cases.cases)
    for (const threads of cases.threads) timings.runs.push(await runCase(o.dir, c, threads, o));
  fs.writeFileSync(path.join(o.dir, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
}

main().catch((e) => {
  console.error(`harness.mjs: ${e.message}`);
  process.exit(1);
});

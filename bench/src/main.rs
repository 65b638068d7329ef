//! Benchmark: the generated `easemob` client against a hand-written
//! reqwest + serde_json equivalent, both calling one loopback server.
//!
//! `cargo run --release -p easemob-bench` prints, as medians over rounds in
//! which the two sides take turns block by block: time per call of a
//! sequential `users().get`, of the same call 64 at a time, and of a
//! 10,000-member `chatroom_members().list`; the peak heap of that list call;
//! and the time of one in-process `codegen::generate`.
//! Scale with `BENCH_ROUNDS`, `BENCH_CALLS`, `BENCH_LIST_CALLS`,
//! `BENCH_MEM_RUNS` and `BENCH_GEN_RUNS` (see [`Config`]).

mod alloc;
mod hand;
mod server;

use std::future::Future;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use easemob::Affiliation;
use server::{APP, CHATROOM, MEMBERS, ORG, TOKEN, USERNAME};

#[global_allocator]
static HEAP: alloc::Counting = alloc::Counting;

/// Tasks of the concurrent scenario.
const CONCURRENCY: usize = 64;

/// Calls per block in the timed scenarios: sequential GETs, concurrent GETs
/// (two per task) and lists. The sides take turns block by block, so that
/// a slow stretch of a shared machine (seen lasting from tens to hundreds
/// of milliseconds, and doubling the time of a call) falls on both alike;
/// a block is about 3 ms, 10 ms and 2 ms long.
const BLOCK: Blocks = Blocks { seq: 16, concurrent: CONCURRENCY * 2, list: 1 };

struct Blocks {
    seq: usize,
    concurrent: usize,
    list: usize,
}

/// How much to run; each field has an environment variable.
#[derive(Debug, Clone, Copy)]
struct Config {
    /// `BENCH_ROUNDS`: interleaved rounds of the timed scenarios.
    rounds: usize,
    /// `BENCH_CALLS`: `users().get` calls per side per round, in each of the
    /// sequential and the concurrent scenario.
    calls: usize,
    /// `BENCH_LIST_CALLS`: 10k-member list calls per side per round.
    list_calls: usize,
    /// `BENCH_MEM_RUNS`: single list calls per side whose peak heap is read.
    mem_runs: usize,
    /// `BENCH_GEN_RUNS`: runs of `codegen::generate`.
    gen_runs: usize,
}

impl Config {
    fn from_env() -> Self {
        let var = |name: &str, default: usize| match std::env::var(name) {
            Ok(v) => match v.trim().parse::<usize>() {
                Ok(n) if n > 0 => n,
                _ => panic!("{name} must be a positive integer, got {v:?}"),
            },
            Err(_) => default,
        };
        Config {
            rounds: var("BENCH_ROUNDS", 15),
            calls: var("BENCH_CALLS", 1024),
            list_calls: var("BENCH_LIST_CALLS", 20),
            mem_runs: var("BENCH_MEM_RUNS", 9),
            gen_runs: var("BENCH_GEN_RUNS", 10),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Easemob,
    Hand,
}

/// Both sides, configured against the same server with the same token.
#[derive(Clone)]
struct Sides {
    client: easemob::Client,
    hand: hand::Api,
}

/// A decoded member list from either side, kept alive while the heap is read.
enum Members {
    Easemob(easemob::Response<Vec<Affiliation>>),
    Hand(hand::MembersAnswer),
}

impl Members {
    fn len(&self) -> usize {
        match self {
            Members::Easemob(r) => r.len(),
            Members::Hand(r) => r.data.len(),
        }
    }
}

impl Sides {
    /// Both sides; the hand-written one sends the client's `User-Agent`.
    async fn new(base_url: &str) -> Self {
        let client = easemob::Client::builder(base_url, ORG, APP).app_token(TOKEN).build().expect("client builds");
        let head = head_of(async {
            client.users().get(USERNAME).send().await.expect("easemob: users().get");
        })
        .await;
        let user_agent = header_value(&head, "user-agent").expect("the client sends a User-Agent");
        let hand = hand::Api::new(base_url, ORG, APP, TOKEN, user_agent).expect("reqwest client builds");
        Sides { client, hand }
    }

    async fn get_user(&self, side: Side) {
        match side {
            Side::Easemob => {
                black_box(self.client.users().get(USERNAME).send().await.expect("easemob: users().get"));
            }
            Side::Hand => {
                black_box(self.hand.get_user(USERNAME).await.expect("hand-written: GET user"));
            }
        }
    }

    async fn list_members(&self, side: Side) -> Members {
        match side {
            Side::Easemob => Members::Easemob(
                self.client.chatroom_members().list(CHATROOM).send().await.expect("easemob: chatroom_members().list"),
            ),
            Side::Hand => {
                Members::Hand(self.hand.chatroom_members(CHATROOM).await.expect("hand-written: GET chatroom members"))
            }
        }
    }

    /// Checks once that both sides send the same requests, up to header
    /// order, and decode what the server sends.
    async fn check(&self) {
        let [easemob, hand] = [Side::Easemob, Side::Hand].map(|side| head_of(self.get_user(side)));
        assert_eq!(normalized(&easemob.await), normalized(&hand.await), "the sides send different GET user requests");
        let [easemob, hand] = [Side::Easemob, Side::Hand].map(|side| {
            head_of(async move {
                black_box(self.list_members(side).await);
            })
        });
        assert_eq!(normalized(&easemob.await), normalized(&hand.await), "the sides send different list requests");

        let r = self.client.users().get(USERNAME).send().await.expect("easemob: users().get");
        assert_eq!((r.len(), r[0].username.as_str(), r[0].nickname.as_deref()), (1, USERNAME, Some("Testuser 42")));
        assert_eq!(r.meta.count, Some(1));
        let h = self.hand.get_user(USERNAME).await.expect("hand-written: GET user");
        assert_eq!((h.entities.len(), h.entities[0].username.as_str()), (1, USERNAME));
        assert_eq!(h.count, Some(1));

        let r = self.client.chatroom_members().list(CHATROOM).send().await.expect("easemob: list");
        assert_eq!(r.len(), MEMBERS);
        assert_eq!(r[0], Affiliation::Owner("user_00000".into()));
        assert_eq!(r[MEMBERS - 1], Affiliation::Member(format!("user_{:05}", MEMBERS - 1).into()));
        let h = self.hand.chatroom_members(CHATROOM).await.expect("hand-written: list");
        assert_eq!(h.data.len(), MEMBERS);
        assert_eq!(h.data[0], hand::Member::Owner("user_00000".into()));
        assert_eq!(h.count, Some(MEMBERS as i64));
    }
}

/// The head of the request `call` sends, as the server received it.
async fn head_of(call: impl Future<Output = ()>) -> String {
    server::record_next();
    call.await;
    server::take_recorded().expect("the server saw the request")
}

/// The value of the header `name` (lowercase) in a request head.
fn header_value<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.split("\r\n").find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// A request head as its request line and its header lines sorted, names
/// lowercased: two heads compare up to header order and name case.
fn normalized(head: &str) -> Vec<String> {
    let mut lines = head.split("\r\n").filter(|l| !l.is_empty());
    let request_line = lines.next().unwrap_or_default().to_owned();
    let mut headers: Vec<String> = lines
        .map(|line| match line.split_once(':') {
            Some((n, v)) => format!("{}: {}", n.to_ascii_lowercase(), v.trim()),
            None => line.to_owned(),
        })
        .collect();
    headers.sort();
    std::iter::once(request_line).chain(headers).collect()
}

/// Time per call of `calls` calls made one after another.
async fn sequential<F: Future<Output = ()>>(calls: usize, mut call: impl FnMut() -> F) -> Duration {
    let started = Instant::now();
    for _ in 0..calls {
        call().await;
    }
    started.elapsed() / calls as u32
}

/// Time per call of `users().get`, [`CONCURRENCY`] tasks sharing `calls` calls.
async fn concurrent_get(sides: &Sides, side: Side, calls: usize) -> Duration {
    let per_task = calls.div_ceil(CONCURRENCY);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let sides = sides.clone();
        tasks.spawn(async move {
            for _ in 0..per_task {
                sides.get_user(side).await;
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a call task panicked");
    }
    started.elapsed() / (per_task * CONCURRENCY) as u32
}

/// Heap of one list call above what was live before it: the peak during the
/// call, and what the decoded answer still holds after it.
async fn list_heap(sides: &Sides, side: Side) -> (usize, usize) {
    let base = alloc::reset_peak();
    let members = sides.list_members(side).await;
    let held = (alloc::current() - base).max(0) as usize;
    let peak = (alloc::peak() - base).max(0) as usize;
    assert_eq!(black_box(&members).len(), MEMBERS);
    drop(members);
    (peak, held)
}

/// One figure per side per round (or run), and their ratio in each.
#[derive(Default)]
struct Samples {
    easemob: Vec<f64>,
    hand: Vec<f64>,
    /// easemob / hand-written, round by round: the ratio of two figures
    /// measured under the same conditions.
    ratios: Vec<f64>,
}

impl Samples {
    fn push(&mut self, [easemob, hand]: [f64; 2]) {
        self.easemob.push(easemob);
        self.hand.push(hand);
        self.ratios.push(easemob / hand);
    }
}

/// The `p` quantile (0 to 1) of `values`, interpolated between neighbours.
fn quantile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let at = p * (v.len() - 1) as f64;
    let (below, above) = (at.floor() as usize, at.ceil() as usize);
    v[below] + (v[above] - v[below]) * (at - below as f64)
}

fn median(values: &[f64]) -> f64 {
    quantile(values, 0.5)
}

/// One round of a timed scenario: `blocks` blocks of calls per side, the
/// sides taking turns (which one goes first alternating too). `block` runs
/// one block of a side and returns its time per call; the result is each
/// side's mean time per call, in seconds.
async fn round<F: Future<Output = Duration>>(blocks: usize, mut block: impl FnMut(Side) -> F) -> [f64; 2] {
    let mut total = [0.0; 2];
    for b in 0..blocks {
        for side in order(b) {
            total[side as usize] += block(side).await.as_secs_f64();
        }
    }
    total.map(|t| t / blocks as f64)
}

/// Both sides, in the order of turn `turn` (a block of calls, or a heap
/// run): which one goes first alternates from one turn to the next.
fn order(turn: usize) -> [Side; 2] {
    if turn.is_multiple_of(2) { [Side::Easemob, Side::Hand] } else { [Side::Hand, Side::Easemob] }
}

/// Everything measured on the runtime.
struct Measured {
    get_seq: Samples,
    get_concurrent: Samples,
    list: Samples,
    list_peak: Samples,
    list_held: Samples,
    get_allocations: Samples,
}

async fn measure(sides: Sides, cfg: Config) -> Measured {
    sides.check().await;
    // Warm-up: connections opened (64 per side), buffers grown, code paged in.
    for side in [Side::Easemob, Side::Hand] {
        sequential(200, || sides.get_user(side)).await;
        concurrent_get(&sides, side, CONCURRENCY * 4).await;
        sequential(3, || async {
            black_box(sides.list_members(side).await);
        })
        .await;
    }

    let mut m = Measured {
        get_seq: Samples::default(),
        get_concurrent: Samples::default(),
        list: Samples::default(),
        list_peak: Samples::default(),
        list_held: Samples::default(),
        get_allocations: Samples::default(),
    };
    let blocks = |calls: usize, block: usize| calls.div_ceil(block);
    let sides = &sides;
    for _ in 0..cfg.rounds {
        let seq = round(blocks(cfg.calls, BLOCK.seq), |side| sequential(BLOCK.seq, move || sides.get_user(side)));
        m.get_seq.push(seq.await);
        let concurrent =
            round(blocks(cfg.calls, BLOCK.concurrent), |side| concurrent_get(sides, side, BLOCK.concurrent));
        m.get_concurrent.push(concurrent.await);
        let list = round(blocks(cfg.list_calls, BLOCK.list), |side| {
            sequential(BLOCK.list, move || async move {
                black_box(sides.list_members(side).await);
            })
        });
        m.list.push(list.await);
    }
    alloc::counting(true);
    let allocations = [Side::Easemob, Side::Hand].map(|side| async move {
        let before = alloc::allocations();
        sequential(cfg.calls, || sides.get_user(side)).await;
        (alloc::allocations() - before) as f64 / cfg.calls as f64
    });
    let [easemob, hand] = allocations;
    m.get_allocations.push([easemob.await, hand.await]);
    for run in 0..cfg.mem_runs {
        let mut heap = [(0, 0); 2];
        for side in order(run) {
            heap[side as usize] = list_heap(sides, side).await;
        }
        m.list_peak.push(heap.map(|(peak, _)| peak as f64));
        m.list_held.push(heap.map(|(_, held)| held as f64));
    }
    m
}

/// Medians of `runs` in-process `codegen::generate` runs on this repository,
/// and the number of files one run produces.
fn generation(runs: usize) -> (f64, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ sits in the repository root");
    let mut times = Vec::with_capacity(runs);
    let mut files = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let out = codegen::generate(root).unwrap_or_else(|d| panic!("the spec does not generate:\n{d}"));
        times.push(started.elapsed().as_secs_f64());
        files = black_box(out).len();
    }
    (median(&times), files)
}

fn time(secs: f64) -> String {
    if secs < 1e-3 {
        format!("{:.1} µs", secs * 1e6)
    } else if secs < 1.0 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{secs:.2} s")
    }
}

fn bytes(n: f64) -> String {
    if n < 1024.0 { format!("{n:.0} B") } else { format!("{:.1} KiB", n / 1024.0) }
}

fn row(scenario: &str, samples: &Samples, show: fn(f64) -> String) {
    let (e, h) = (median(&samples.easemob), median(&samples.hand));
    let r = &samples.ratios;
    let middle = format!("{:.2}-{:.2}", quantile(r, 0.25), quantile(r, 0.75));
    println!("| {scenario:<38} | {:>11} | {:>12} | {:>5.2} | {middle:>11} |", show(e), show(h), median(r));
}

/// Sequential calls, `batch` at a time, for `secs` seconds or exactly
/// `BENCH_PROFILE_CALLS` calls if set: the calls made and the time per call.
fn sequential_for<F: Future<Output = ()>>(
    rt: &tokio::runtime::Runtime,
    secs: u64,
    batch: usize,
    mut call: impl FnMut() -> F,
) -> (usize, Duration) {
    let count: Option<usize> = std::env::var("BENCH_PROFILE_CALLS").ok().map(|v| v.parse().expect("calls"));
    rt.block_on(async move {
        let until = Instant::now() + Duration::from_secs(secs);
        let (mut calls, mut total) = (0, Duration::ZERO);
        while count.map_or(Instant::now() < until, |n| calls < n) {
            total += sequential(batch, &mut call).await * batch as u32;
            calls += batch;
        }
        (calls, total / calls as u32)
    })
}

/// `BENCH_PROFILE=easemob|hand|both`: only that side's calls (for `both`,
/// see [`profile_both`]), for
/// `BENCH_PROFILE_SECS` (10) seconds, so a profiler (`perf record`) sees one
/// side's per-call cost alone: the concurrent GETs; with
/// `BENCH_PROFILE_CALL=seq` the sequential GETs, or with
/// `BENCH_PROFILE_CALL=list` the sequential 10k-member lists. With
/// `BENCH_PROFILE_CALLS` set, a fixed number of calls instead of a time, so
/// that instruction counts of two builds compare: exactly that many for the
/// sequential calls; for the concurrent GETs that many rounded up to blocks
/// of 1,024, and one more block that counts allocations. Prints the calls
/// made and the time per call.
fn profile(side: &str) {
    if side == "both" {
        return profile_both();
    }
    let side = match side {
        "easemob" => Side::Easemob,
        "hand" => Side::Hand,
        other => panic!("BENCH_PROFILE must be `easemob` or `hand`, got {other:?}"),
    };
    let (list, seq) = match std::env::var("BENCH_PROFILE_CALL").as_deref() {
        Err(_) | Ok("get") => (false, false),
        Ok("seq") => (false, true),
        Ok("list") => (true, false),
        Ok(other) => panic!("BENCH_PROFILE_CALL must be `get`, `seq` or `list`, got {other:?}"),
    };
    let secs: u64 = std::env::var("BENCH_PROFILE_SECS").ok().map_or(10, |v| v.parse().expect("seconds"));
    let bodies = server::Bodies::new();
    let base_url = server::start(&bodies);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("client runtime");
    let sides = rt.block_on(Sides::new(&base_url));
    if list {
        let (calls, per_call) = sequential_for(&rt, secs, 10, || async {
            black_box(sides.list_members(side).await);
        });
        println!("{side:?}: {calls} sequential {MEMBERS}-member lists, {} per call", time(per_call.as_secs_f64()));
        return;
    }
    if seq {
        let (calls, per_call) = sequential_for(&rt, secs, 100, || sides.get_user(side));
        println!("{side:?}: {calls} sequential GETs, {} per call", time(per_call.as_secs_f64()));
        return;
    }
    let count: Option<usize> = std::env::var("BENCH_PROFILE_CALLS").ok().map(|v| v.parse().expect("calls"));
    let (calls, per_call, allocations) = rt.block_on(async move {
        let until = Instant::now() + Duration::from_secs(secs);
        let (mut calls, mut total) = (0, Duration::ZERO);
        while count.map_or(Instant::now() < until, |n| calls < n) {
            total += concurrent_get(&sides, side, CONCURRENCY * 16).await * (CONCURRENCY * 16) as u32;
            calls += CONCURRENCY * 16;
        }
        alloc::counting(true);
        let before = alloc::allocations();
        concurrent_get(&sides, side, CONCURRENCY * 16).await;
        let allocations = (alloc::allocations() - before) as f64 / (CONCURRENCY * 16) as f64;
        (calls, total / calls as u32, allocations)
    });
    println!(
        "{side:?}: {calls} GETs over {CONCURRENCY} tasks, {} per call, {allocations:.1} heap allocations per call \
         (the loopback server's included)",
        time(per_call.as_secs_f64())
    );
}

fn main() {
    if let Ok(side) = std::env::var("BENCH_PROFILE") {
        return profile(&side);
    }
    let cfg = Config::from_env();
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; run `cargo run --release -p easemob-bench` for meaningful figures");
    }
    let bodies = server::Bodies::new();
    let base_url = server::start(&bodies);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("client runtime");
    let sides = rt.block_on(Sides::new(&base_url));
    let started = Instant::now();
    let m = rt.block_on(async move { tokio::spawn(measure(sides, cfg)).await.expect("the measurement panicked") });
    let measured_in = started.elapsed();
    let (gen_median, gen_files) = generation(cfg.gen_runs);

    println!("easemob-bench: `easemob` client vs hand-written reqwest + serde_json");
    println!(
        "server: {base_url}, minimal HTTP/1.1 keep-alive on one thread; clients: tokio multi-thread runtime, {cpus} CPU(s)"
    );
    println!(
        "bodies: user {} B, chatroom members {} B ({MEMBERS} members); both clients send the same requests (checked)",
        bodies.user.len(),
        bodies.members.len()
    );
    println!();
    println!(
        "| {:<38} | {:>11} | {:>12} | {:>5} | {:>11} |",
        "scenario", "easemob", "hand-written", "ratio", "middle half"
    );
    println!("|{:-<40}|{:-<13}|{:-<14}|{:-<7}|{:-<13}|", "", "", "", "", "");
    row("GET user, sequential (per call)", &m.get_seq, time);
    row(&format!("GET user, {CONCURRENCY} concurrent (wall / calls)"), &m.get_concurrent, time);
    row(&format!("list {MEMBERS} members (per call)"), &m.list, time);
    row(&format!("list {MEMBERS}: peak heap above baseline"), &m.list_peak, bytes);
    row(&format!("list {MEMBERS}: heap held by the result"), &m.list_held, bytes);
    row("GET user: heap allocations per call", &m.get_allocations, |n| format!("{n:.1}"));
    println!();
    println!(
        "Times: {} rounds; per round and side {} sequential GETs, {} GETs over {CONCURRENCY} tasks and {} list \
         calls, in blocks of {}, {} and {} calls, the sides taking turns block by block (which goes first \
         alternating). Ratio = easemob / hand-written: the median of the rounds' ratios, and the middle half of \
         them (25th to 75th percentile); times are each side's median. Heap: {} pairs of single list calls; \
         allocations: {} sequential GETs per side, the loopback server's allocations included (the same for \
         both). Measuring took {:.1} s.",
        cfg.rounds,
        cfg.calls.div_ceil(BLOCK.seq) * BLOCK.seq,
        cfg.calls.div_ceil(BLOCK.concurrent) * BLOCK.concurrent,
        cfg.list_calls.div_ceil(BLOCK.list) * BLOCK.list,
        BLOCK.seq,
        BLOCK.concurrent,
        BLOCK.list,
        cfg.mem_runs,
        cfg.calls,
        measured_in.as_secs_f64()
    );
    println!(
        "generation: codegen::generate in-process ({} build, no file writes), median of {} runs: {} ({gen_files} files)",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        cfg.gen_runs,
        time(gen_median)
    );
}

/// `BENCH_PROFILE=both`: the concurrent GETs of both sides for
/// `BENCH_PROFILE_SECS` (10) seconds, in blocks that take turns as in the
/// timed scenario, each side on a runtime of its own whose worker threads
/// are named after it (`side-easemob`, `side-hand`). A profiler then tells
/// the two sides' samples apart by thread, kernel work included, measured
/// under the same conditions: `perf record -e cpu-clock -F 10000` and
/// `perf report --sort comm` (or `comm,sym`). Each side's runtime has as
/// many workers as the timed scenario's, and only one of them runs at a
/// time. Prints the calls made and each side's time per call.
fn profile_both() {
    let secs: u64 = std::env::var("BENCH_PROFILE_SECS").ok().map_or(10, |v| v.parse().expect("seconds"));
    let bodies = server::Bodies::new();
    let base_url = server::start(&bodies);
    let sides = [(Side::Easemob, "side-easemob"), (Side::Hand, "side-hand")].map(|(side, name)| {
        let rt =
            tokio::runtime::Builder::new_multi_thread().thread_name(name).enable_all().build().expect("client runtime");
        // Each side's clients are made on its own runtime, which drives
        // their connections.
        let clients = rt.block_on(Sides::new(&base_url));
        (side, rt, clients)
    });
    let until = Instant::now() + Duration::from_secs(secs);
    let (mut blocks, mut total) = (0, [Duration::ZERO; 2]);
    while Instant::now() < until {
        for turn in 0..2 {
            let i = order(blocks)[turn] as usize;
            let (side, rt, clients) = &sides[i];
            let (side, clients) = (*side, clients.clone());
            let block = async move { concurrent_get(&clients, side, BLOCK.concurrent).await };
            total[i] += rt.block_on(async move { tokio::spawn(block).await.expect("the block panicked") });
        }
        blocks += 1;
    }
    let per_call = |t: Duration| time(t.as_secs_f64() / blocks as f64);
    println!(
        "both: {} GETs per side over {CONCURRENCY} tasks, easemob {} per call, hand-written {} per call",
        blocks * BLOCK.concurrent,
        per_call(total[0]),
        per_call(total[1])
    );
}

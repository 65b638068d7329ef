//! `easemob`: the Easemob REST API from the command line. Every operation of
//! the spec is a command, `easemob <area> <operation> [args]`, generated
//! from the same model as the typed client (see `generated/`, written by
//! `cargo xtask gen`); this file and its siblings are the hand-written rest.

mod command;
mod config;
mod exit;
#[rustfmt::skip] // the generator formats it; `cargo xtask gen --check` guards it
mod generated;
mod invoke;
mod output;
mod request;
mod secrets;
mod table;

use std::process::ExitCode;

use exit::Failure;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = match command::for_args(&args).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            // Help and version go to stdout with success; usage errors to stderr.
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(exit::USAGE) } else { ExitCode::SUCCESS };
        }
    };
    match run(&matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

fn run(matches: &clap::ArgMatches) -> Result<(), Failure> {
    let (area_name, area_m) = matches.subcommand().expect("clap requires a subcommand");
    if area_name == "completions" {
        let shell = *area_m.get_one::<clap_complete::Shell>("shell").expect("required");
        clap_complete::generate(shell, &mut command::build(), "easemob", &mut std::io::stdout());
        return Ok(());
    }
    let area = generated::AREAS.iter().find(|a| a.name == area_name).expect("clap knows only these areas");
    let (op_name, op_m) = area_m.subcommand().expect("clap requires an operation");
    let op = area.operations.iter().find(|o| o.name == op_name).expect("clap knows only these operations");

    logging(matches.get_count("verbose"));
    let settings = config::resolve(matches)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::LocalIo(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(invoke::run(&settings, op, op_m))
}

/// The client's `tracing` events on stderr: warnings always (a page walk
/// cut short), each attempt with `-v`. The client never puts a secret in
/// an event.
fn logging(verbose: u8) {
    let level = match verbose {
        0 => tracing::Level::WARN,
        1 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    tracing_subscriber::fmt().with_max_level(level).with_writer(std::io::stderr).with_target(false).init();
}

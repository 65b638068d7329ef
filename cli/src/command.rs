//! The clap command tree, built from the generated table: one subcommand
//! per area, one per operation under it, one argument per input.

use clap::builder::ValueHint;
use clap::{Arg, ArgAction, Command, value_parser};

use crate::generated::AREAS;
use crate::table::{Area, BodyKind, Input, Kind, Location, Operation, ResponseKind, Scalar};

/// The whole command tree, every operation of every area.
pub fn build() -> Command {
    build_with(|_| true)
}

/// The command tree for one command line: the operations only of the areas
/// the line names (any word equal to an area's name), the other areas as
/// bare names for the list of commands. The area that runs is always
/// named, so parsing is the same as with the whole tree, at a fraction of
/// the start-up cost. Completions need the whole tree.
pub fn for_args(args: &[std::ffi::OsString]) -> Command {
    let named = |a: &Area| args.iter().any(|x| x.to_str() == Some(a.name));
    if args.iter().any(|x| x.to_str() == Some("completions")) { build() } else { build_with(named) }
}

fn build_with(full: impl Fn(&Area) -> bool) -> Command {
    let cmd = Command::new("easemob")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Call the Easemob (环信) IM REST API: every operation of the spec as `easemob <area> <operation>`")
        .after_help(
            "Connection settings come from the flags above, else EASEMOB_* environment variables, else the config file.\n\
             Output is JSON on stdout; errors go to stderr. Exit codes: 0 ok, 1 other, 2 usage or a broken input limit,\n\
             3 configuration, 4 HTTP 4xx, 5 HTTP 5xx or transport, 6 undecodable answer, 7 local file I/O.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true);
    let cmd = crate::config::args(cmd);
    let completions = Command::new("completions")
        .about("Print a shell completion script")
        .arg(Arg::new("shell").required(true).value_parser(value_parser!(clap_complete::Shell)).help("The shell"));
    cmd.subcommand(completions).subcommands(AREAS.iter().map(|a| area(a, full(a))))
}

fn area(a: &'static Area, with_operations: bool) -> Command {
    let cmd = Command::new(a.name).about(a.about).long_about(a.long_about);
    if !with_operations {
        return cmd;
    }
    cmd.subcommand_required(true).arg_required_else_help(true).subcommands(a.operations.iter().map(operation))
}

/// Whether `--json` can give an operation's body.
pub fn takes_json(op: &Operation) -> bool {
    matches!(op.body, Some(BodyKind::Object | BodyKind::Value))
}

fn operation(op: &'static Operation) -> Command {
    let json = takes_json(op);
    let mut cmd = Command::new(op.name).about(op.about).long_about(op.long_about);
    for input in op.inputs {
        cmd = cmd.arg(input_arg(input, json));
    }
    if json {
        cmd = cmd.arg(
            Arg::new("json")
                .long("json")
                .value_name("FILE|-")
                .value_hint(ValueHint::FilePath)
                .help("The request body as JSON, from a file or stdin (-); flags set or replace its fields"),
        );
    }
    if op.paging.is_some() {
        cmd = cmd.arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Walk every page and print one JSON line per item"),
        );
    }
    if op.response == ResponseKind::File {
        cmd = cmd.arg(
            Arg::new("output")
                .short('o')
                .long("output")
                .value_name("FILE|-")
                .value_hint(ValueHint::FilePath)
                .required(true)
                .help("Where to write the file (- for stdout); it is streamed, not held in memory"),
        );
    } else {
        cmd = cmd.arg(
            Arg::new("envelope")
                .long("envelope")
                .action(ArgAction::SetTrue)
                .conflicts_with_all(if op.paging.is_some() { &["all"][..] } else { &[][..] })
                .help("Print the whole answer (the payload with its envelope: count, cursor, ...)"),
        );
    }
    cmd
}

fn input_arg(input: &'static Input, json: bool) -> Arg {
    let mut arg = Arg::new(input.flag).help(input.help);
    if input.location == Location::Path {
        // Path parameters are positional, in path order.
        return arg.required(true).value_name(input.flag);
    }
    arg = arg.long(input.flag);
    if input.required {
        // A required body field may come from --json instead.
        arg = if json && input.location == Location::Body {
            arg.required_unless_present("json")
        } else {
            arg.required(true)
        };
    }
    match input.kind {
        Kind::Scalar(s) => scalar(arg, s),
        Kind::List(s) => scalar(arg, s).action(ArgAction::Append),
        Kind::Secret => arg.value_name("SECRET"),
        Kind::Json => arg.value_name("JSON"),
        Kind::File => arg.value_name("FILE").value_hint(ValueHint::FilePath),
    }
}

fn scalar(arg: Arg, s: Scalar) -> Arg {
    match s {
        Scalar::Text => arg.value_name("TEXT"),
        Scalar::Integer => arg.value_name("N").value_parser(value_parser!(i64)).allow_negative_numbers(true),
        Scalar::Number => arg.value_name("NUMBER").value_parser(value_parser!(f64)).allow_negative_numbers(true),
        Scalar::Boolean => arg.value_name("BOOL").value_parser(value_parser!(bool)),
    }
}

#[cfg(test)]
mod tests {
    /// clap checks a command's definition (ids, conflicts, positionals) only
    /// when it is parsed; this checks every operation's command at once.
    #[test]
    fn every_command_is_well_formed() {
        super::build().debug_assert();
    }

    /// The pared-down tree parses a command line as the whole one does.
    #[test]
    fn a_tree_for_the_line_parses_it_like_the_whole_tree() {
        let line: Vec<std::ffi::OsString> =
            ["easemob", "--org", "users", "groups", "get", "g1"].iter().map(Into::into).collect();
        let whole = super::build().try_get_matches_from(&line).expect("parses");
        let part = super::for_args(&line).try_get_matches_from(&line).expect("parses");
        let op = |m: &clap::ArgMatches| {
            let (area, a) = m.subcommand().expect("an area");
            let (op, o) = a.subcommand().expect("an operation");
            (area.to_owned(), op.to_owned(), o.get_one::<String>("group-ids").cloned())
        };
        assert_eq!(op(&whole), op(&part));
        assert_eq!(op(&part), ("groups".to_owned(), "get".to_owned(), Some("g1".to_owned())));
    }
}

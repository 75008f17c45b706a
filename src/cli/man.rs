//! `tread man`: the manual page, from clap's sections, with the commands
//! and a KEYS section drawn from the key table.

use std::io::{self, Write};

use crate::settings::keys;

/// The manual page: clap's sections, the commands with their options (no
/// pages of their own to point at), and KEYS drawn from the key table.
pub(super) fn page(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        writeln!(
            out,
            ".TP\n\\fBtread {}\\fR\n{}",
            roff(sub.get_name()),
            roff(&about)
        )?;
        for arg in sub.get_arguments().filter(|a| a.get_long().is_some()) {
            let long = arg.get_long().unwrap_or_default();
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            writeln!(out, ".br\n\\-\\-{}: {}", roff(long), roff(&help))?;
        }
    }
    writeln!(out, ".SH KEYS")?;
    for line in keys::help_lines(&keys::Keymap::default()) {
        match line {
            keys::HelpLine::Section(s) => writeln!(out, ".SS {}", roff(s))?,
            keys::HelpLine::Keys { keys, what } => {
                writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(&keys), roff(what))?
            }
        }
    }
    man.render_version_section(out)
}

/// Text as roff prints it: backslashes and dashes escaped, no line taken
/// for a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.chars().next() {
        Some('.' | '\'') => format!("\\&{escaped}"),
        _ => escaped,
    }
}

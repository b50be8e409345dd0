//! `alliance explain`: a score taken apart (`Assessment::explain_reliability`,
//! `explain_abandonment`, `explain_bloc`), or one crisis's tests of an
//! actor (`Assessment::outcome_of`).

use std::io::Write;
use std::path::PathBuf;

use alliance_reliability::{ActorKind, Error, Ledger};
use chrono::NaiveDate;
use clap::Args;

use crate::common::stdout_error;
use crate::common::{ConfigArgs, as_of_or_latest, flush, load_verbose, stdout};
use crate::score::outln;

/// `alliance explain`'s arguments.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The actor (by id) whose score is explained.
    pub actor: String,
    /// A timeline: an alliance-timeline/1 JSON document, a folder of CSV
    /// tables, or an ICEWS/GDELT event stream (with --with).
    pub input: PathBuf,
    /// With an event stream: the timeline its events are added to.
    #[arg(long, value_name = "BASE")]
    pub with: Option<PathBuf>,
    /// Explain as of this day (default: the latest date in the data).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Only this crisis's tests of the actor (by crisis id): commitment,
    /// required level, strongest response, status, fulfilment and weight.
    #[arg(long, value_name = "ID", conflicts_with = "client")]
    pub crisis: Option<String>,
    /// The abandonment risk toward this client (by id) instead of the
    /// actor's reliability.
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `alliance explain`.
pub fn run(args: &ExplainArgs) -> Result<(), Error> {
    let config = args.config.config()?;
    let lens = config.get_lens();
    let timeline = load_verbose(&args.input, args.with.as_deref())?;
    let as_of = as_of_or_latest(args.as_of, &timeline, &args.input)?;
    let key = timeline.key_of(args.actor.as_str())?;
    let client = match &args.client {
        Some(c) => Some(timeline.key_of(c.as_str())?),
        None => None,
    };
    let ledger = Ledger::new(timeline, config)?;
    let a = ledger.assess_under(as_of, lens);
    let mut out = stdout();
    if let Some(crisis) = &args.crisis {
        let tests = a.outcome_of(crisis.as_str(), args.actor.as_str())?;
        outln!(
            out,
            "tests of {} in crisis {} as of {} ({} lens)",
            args.actor,
            crisis,
            as_of,
            lens
        );
        if tests.is_empty() {
            outln!(
                out,
                "(none: no commitment of {} toward the crisis's target was in force and invoked)",
                args.actor
            );
        }
        for t in &tests {
            let response = match &t.response {
                Some(r) => format!(
                    "{} on {} (intensity {}, confidence {}){}",
                    r.kind,
                    r.date,
                    r.intensity,
                    r.confidence,
                    r.source
                        .as_deref()
                        .map(|s| format!(": {s}"))
                        .unwrap_or_default()
                ),
                None => "silence".to_string(),
            };
            outln!(
                out,
                "{} {}>{} commitment {} ({} >= {}): {}, fulfilment {:.3} of expected {:.3}, weight {:.3}, share {:.1}%; response: {}",
                t.date,
                t.guarantor,
                t.beneficiary,
                t.commitment,
                t.obligation,
                t.required,
                t.status,
                t.fulfilment,
                t.expected,
                t.weight,
                100.0 * t.share,
                response
            );
        }
        return flush(out);
    }
    let explanation = match client {
        Some(c) => a.explain_abandonment(key, c)?,
        None => a.explain_reliability(key)?,
    };
    write!(out, "{explanation}").map_err(stdout_error)?;
    if client.is_none() && ledger.timeline().actor(key).map(|x| x.kind()) == Some(ActorKind::Bloc) {
        outln!(out);
        write!(out, "{}", a.explain_bloc(key)?).map_err(stdout_error)?;
    }
    flush(out)
}

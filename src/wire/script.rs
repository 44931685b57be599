//! The script of a simulation's [`Plan`]: JSON lines, one step each,
//! `{"date": "YYYY-MM-DD", "action": "renew:maps"}`.

use super::read::{At, Node, SCRIPT_FIELDS};
use crate::action::Action;
use crate::error::{Error, ErrorKind};
use crate::simulation::Plan;

impl Plan {
    /// Reads the steps of a script: one JSON object per line,
    /// `{"date": "YYYY-MM-DD", "action": "renew:maps"}` (the action in the
    /// text form of [`Action::parse`]); blank lines are skipped. The steps
    /// keep the order of their lines. Feature `serde`.
    ///
    /// ```
    /// use mpn_renewals::simulation::Plan;
    ///
    /// let plan = Plan::from_script(concat!(
    ///     r#"{"date": "2019-08-01", "action": "turn_off_auto_renew:maps"}"#, "\n",
    ///     "\n",
    ///     r#"{"date": "2019-09-10", "action": "renew:maps"}"#, "\n",
    /// ))?;
    /// assert_eq!(plan.steps().len(), 2);
    ///
    /// let err = Plan::from_script(r#"{"date": "2019-09-10", "action": "renw:maps"}"#).unwrap_err();
    /// assert_eq!(err.path(), "line 1.action");
    /// let err = Plan::from_script("\n{\"date\": \"2019-02-30\", \"action\": \"renew:maps\"}").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "line 2.date: `2019-02-30` is not a date of the form YYYY-MM-DD with a year from 0001 to 9999"
    /// );
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first line that is not a step, as an [`Error`] whose path names
    /// the line (`line 3`) and the field (`line 3.action`): text that is
    /// not JSON, not an object, an unknown, missing or repeated field, a
    /// date that is not `YYYY-MM-DD`, or an action that does not parse.
    pub fn from_script(text: &str) -> Result<Plan, Error> {
        let mut plan = Plan::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let number = index + 1;
            let (date, action) = read_step(line, number).map_err(|err| on_line(err, number))?;
            plan = plan.step(date, action);
        }
        Ok(plan)
    }
}

/// One line's step.
fn read_step(line: &str, number: usize) -> Result<(chrono::NaiveDate, Action), Error> {
    let node = Node::from_json(line).map_err(|err| match err.kind() {
        // The line's own number, not the line of the one-line document.
        ErrorKind::Syntax {
            column, message, ..
        } => Error::new(
            err.path(),
            ErrorKind::Syntax {
                line: number,
                column: *column,
                message: message.clone(),
            },
        ),
        _ => err,
    })?;
    let root = At::ROOT;
    let mut object = root.object(node, &SCRIPT_FIELDS)?;
    let date = root.field("date").date(object.required("date")?)?;
    let at = root.field("action");
    let text = at.string(object.required("action")?)?;
    let action = Action::parse(&text)
        .map_err(|err| at.error(err.kind().clone()))?
        .into_owned();
    Ok((date, action))
}

/// The error of a line, its path led by the line: `line 3`, `line 3.date`.
fn on_line(err: Error, number: usize) -> Error {
    let path = if err.path() == crate::error::ROOT {
        format!("line {number}")
    } else {
        format!("line {number}.{}", err.path())
    };
    Error::new(path, err.kind().clone())
}

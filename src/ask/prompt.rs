//! The key loop the yes/no and choice prompts share, and how each looks. dialoguer's
//! `Theme` formats every line; the keys go to the state machines in `keys`, because
//! dialoguer's own prompts drop Ctrl-D and offer no way to hear it.

use std::fmt::{self, Write as _};
use std::io;

use dialoguer::console::{Key, Term};
use dialoguer::theme::Theme;

use super::keys::{Choices, Step, YesNo};
use super::screen::{self, Screen};
use crate::session::AskError;

/// A prompt the key loop can drive: what it shows, and what each key does to it.
pub trait Prompt {
    type Answer;

    /// Draws the prompt as it stands, from the line the cursor is on.
    fn draw(&mut self, screen: &mut Screen<'_>) -> io::Result<()>;

    fn on_key(&mut self, key: Key) -> Step<Self::Answer>;

    /// The line that stays once the prompt has ended with `step`, if any.
    fn leave(&self, step: &Step<Self::Answer>) -> io::Result<Option<String>>;
}

/// Runs `prompt` until it ends: `Some` answer, or `None` to go back. The cursor is hidden
/// while the prompt waits for keys and shown again however it ends.
pub fn interact<P: Prompt>(term: &Term, prompt: &mut P) -> Result<Option<P::Answer>, AskError> {
    if !term.is_term() {
        // Off a terminal, reading a key returns at once with no key, forever.
        let error = io::Error::new(io::ErrorKind::NotConnected, "not a terminal");
        return Err(AskError::Io(error));
    }
    let ended = run(&mut Screen::new(term), prompt);
    let shown = term.show_cursor();
    match ended.and_then(|step| shown.map(|()| step)) {
        Ok(Step::Answer(answer)) => Ok(Some(answer)),
        Ok(Step::Back) => Ok(None),
        // Ctrl-D or a closed input: `run` ends with no other step.
        Ok(_) => Err(AskError::EndOfInput),
        Err(error) => Err(ask_error(error)),
    }
}

/// Draws, then reads keys until one ends the prompt, and returns that step.
fn run<P: Prompt>(screen: &mut Screen<'_>, prompt: &mut P) -> io::Result<Step<P::Answer>> {
    // Hidden before drawing, so the cursor does not run through a list as it is drawn,
    // and again after: whatever the prompt, the last thing written before it reads a key.
    screen.hide_cursor()?;
    prompt.draw(screen)?;
    screen.hide_cursor()?;
    loop {
        let step = match screen.read_key() {
            Ok(key) => prompt.on_key(key),
            // A closed input: the same end as Ctrl-D.
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Step::EndOfInput,
            Err(error) => return Err(error),
        };
        match step {
            Step::Wait => {}
            Step::Redraw => {
                screen.clear()?;
                prompt.draw(screen)?;
            }
            end => return leave(screen, prompt, end),
        }
    }
}

/// Replaces the prompt with the line it leaves behind.
fn leave<P: Prompt>(
    screen: &mut Screen<'_>,
    prompt: &P,
    end: Step<P::Answer>,
) -> io::Result<Step<P::Answer>> {
    let left = screen.clear().and_then(|()| match prompt.leave(&end)? {
        Some(line) => screen.line(&line),
        None => Ok(()),
    });
    match end {
        // The input is gone: that, not a terminal that also failed, is what to report.
        Step::EndOfInput => Ok(end),
        _ => left.map(|()| end),
    }
}

/// Ctrl-C stops a key read as an interruption; a closed input as an unexpected end.
fn ask_error(error: io::Error) -> AskError {
    match error.kind() {
        io::ErrorKind::Interrupted => AskError::Interrupted,
        io::ErrorKind::UnexpectedEof => AskError::EndOfInput,
        _ => AskError::Io(error),
    }
}

/// A yes/no question on one line, `[y/N]` after it, the cursor waiting at its end.
pub struct Confirm<'a> {
    theme: &'a dyn Theme,
    prompt: &'a str,
    keys: YesNo,
}

impl<'a> Confirm<'a> {
    pub fn new(theme: &'a dyn Theme, prompt: &'a str, default: Option<bool>) -> Self {
        Confirm {
            theme,
            prompt,
            keys: YesNo::new(default),
        }
    }
}

impl Prompt for Confirm<'_> {
    type Answer = bool;

    fn draw(&mut self, screen: &mut Screen<'_>) -> io::Result<()> {
        let default = self.keys.default();
        let line = format(|f| self.theme.format_confirm_prompt(f, self.prompt, default))?;
        screen.text(&line)
    }

    fn on_key(&mut self, key: Key) -> Step<bool> {
        self.keys.on_key(key)
    }

    /// The question and its answer; without an answer, the question alone.
    fn leave(&self, step: &Step<bool>) -> io::Result<Option<String>> {
        let answer = match step {
            Step::Answer(yes) => Some(*yes),
            _ => None,
        };
        let line = format(|f| {
            self.theme
                .format_confirm_prompt_selection(f, self.prompt, answer)
        })?;
        Ok(Some(line))
    }
}

/// A choice question: its prompt, then one item a line (or more, for a long label), the
/// selected one marked.
pub struct Select<'a> {
    theme: &'a dyn Theme,
    prompt: &'a str,
    items: &'a [String],
    keys: Choices,
}

impl<'a> Select<'a> {
    pub fn new(theme: &'a dyn Theme, prompt: &'a str, items: &'a [String], start: usize) -> Self {
        Select {
            theme,
            prompt,
            items,
            keys: Choices::new(items.len(), start),
        }
    }

    /// The prompt's line; with the page it is on when the list takes several.
    fn heading(&self, page: Option<(usize, usize)>) -> io::Result<String> {
        format(|f| {
            self.theme.format_select_prompt(f, self.prompt)?;
            match page {
                Some((page, pages)) => write!(f, " [Page {}/{pages}] ", page + 1),
                None => Ok(()),
            }
        })
    }

    /// Cuts the list into pages that fit `rows` below the heading, with a row left for the
    /// cursor, as dialoguer did; returns the heading, which names the page if there are
    /// several. Past the screen's top, a redraw could not clear the list.
    fn paginate(&mut self, heights: &[usize], rows: usize, columns: usize) -> io::Result<String> {
        let room = |heading: &str| rows.saturating_sub(screen::rows(heading, columns) + 1);
        let plain = self.heading(None)?;
        self.keys.paginate(heights, room(&plain).max(1));
        if self.keys.page().1 == 1 {
            return Ok(plain);
        }
        // Naming the page can take the heading onto another row: leave room for that too.
        let named = self.heading(Some(self.keys.page()))?;
        self.keys.paginate(heights, room(&named).max(1));
        self.heading(Some(self.keys.page()))
    }

    /// Item `index` as drawn at `columns`: wrapped between words, so a long label does not
    /// break mid-word at the edge, its lines indented past the theme's marker.
    fn item(&self, index: usize, columns: usize) -> io::Result<String> {
        let active = index == self.keys.selected();
        let text = self.items.get(index).map_or("", String::as_str);
        let marker = format(|f| self.theme.format_select_prompt_item(f, "", active))?;
        let line = format(|f| self.theme.format_select_prompt_item(f, text, active))?;
        Ok(screen::wrap(&line, columns, screen::width(&marker)))
    }
}

impl Prompt for Select<'_> {
    type Answer = usize;

    fn draw(&mut self, screen: &mut Screen<'_>) -> io::Result<()> {
        let (rows, columns) = screen.size();
        let items = (0..self.items.len())
            .map(|index| self.item(index, columns))
            .collect::<io::Result<Vec<String>>>()?;
        let heights: Vec<usize> = items.iter().map(|i| screen::rows(i, columns)).collect();
        let heading = self.paginate(&heights, rows, columns)?;
        screen.line(&heading)?;
        for item in &items[self.keys.shown()] {
            screen.line(item)?;
        }
        Ok(())
    }

    fn on_key(&mut self, key: Key) -> Step<usize> {
        self.keys.on_key(key)
    }

    /// The question and the chosen item; the question alone at the end of the input, so
    /// the transcript shows what went unanswered; nothing when going back.
    fn leave(&self, step: &Step<usize>) -> io::Result<Option<String>> {
        match step {
            Step::Answer(index) => {
                let item = self.items.get(*index).map_or("", String::as_str);
                let line = format(|f| {
                    self.theme
                        .format_select_prompt_selection(f, self.prompt, item)
                })?;
                Ok(Some(line))
            }
            Step::EndOfInput => self.heading(None).map(Some),
            _ => Ok(None),
        }
    }
}

/// A theme's line as a string; the theme writes to a `fmt::Write`.
fn format(write: impl FnOnce(&mut String) -> fmt::Result) -> io::Result<String> {
    let mut line = String::new();
    write(&mut line).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(line)
}

#[cfg(test)]
mod tests {
    use dialoguer::theme::SimpleTheme;

    use super::*;

    fn items(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("item {i}")).collect()
    }

    #[test]
    fn a_list_that_fits_has_a_plain_heading() {
        let items = items(3);
        let mut select = Select::new(&SimpleTheme, "Which?", &items, 0);
        let heading = select.paginate(&[1, 1, 1], 24, 80).expect("formats");
        assert_eq!(heading, "Which?:");
        assert_eq!(select.keys.shown(), 0..3);
    }

    #[test]
    fn a_heading_that_names_the_page_gets_the_row_it_takes() {
        // At 12 columns "Which?:" takes one row and "Which?: [Page 1/2] " two: six rows
        // leave four for the list under the plain heading, and three under the named one.
        let items = items(6);
        let mut select = Select::new(&SimpleTheme, "Which?", &items, 0);
        let heading = select.paginate(&[1; 6], 6, 12).expect("formats");
        assert_eq!(heading, "Which?: [Page 1/2] ");
        assert_eq!(select.keys.shown(), 0..3);
    }

    #[test]
    fn a_chosen_item_is_left_beside_the_question() {
        let items = items(3);
        let select = Select::new(&SimpleTheme, "Which?", &items, 0);
        let left = select.leave(&Step::Answer(2)).expect("formats");
        assert_eq!(left.as_deref(), Some("Which?: item 2"));
    }

    #[test]
    fn a_list_leaves_its_question_at_the_end_of_input_and_nothing_going_back() {
        let items = items(3);
        let select = Select::new(&SimpleTheme, "Which?", &items, 0);
        let ended = select.leave(&Step::EndOfInput).expect("formats");
        assert_eq!(ended.as_deref(), Some("Which?:"));
        assert_eq!(select.leave(&Step::Back).expect("formats"), None);
    }

    #[test]
    fn a_yes_no_question_leaves_its_answer_or_itself_alone() {
        let confirm = Confirm::new(&SimpleTheme, "Sure?", Some(false));
        let answered = confirm.leave(&Step::Answer(true)).expect("formats");
        assert_eq!(answered.as_deref(), Some("Sure? yes"));
        for step in [Step::Back, Step::EndOfInput] {
            let left = confirm.leave(&step).expect("formats");
            assert_eq!(left.as_deref(), Some("Sure?"));
        }
    }
}

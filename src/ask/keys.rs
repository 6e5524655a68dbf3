//! What each key does at a prompt: pure state machines, one per prompt kind, that never
//! touch a terminal, so every key can be tested. The bindings are dialoguer's own, plus
//! Ctrl-D, which dialoguer ignores.

use std::ops::Range;

use dialoguer::console::Key;

/// Ctrl-D. Keys are read in raw mode, where the terminal does not turn it into an end of
/// input: it arrives as this character, and only the prompt can give it that meaning.
const CTRL_D: char = '\x04';

/// What a key asks of the prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum Step<A> {
    /// Nothing changed: read the next key.
    Wait,
    /// What the prompt shows changed: draw it again.
    Redraw,
    Answer(A),
    /// Esc or `q`: back to the previous question.
    Back,
    /// Ctrl-D: no answer is coming.
    EndOfInput,
}

/// A yes/no question: `y` or `n` answer at once, Enter takes the default if there is one.
#[derive(Debug)]
pub struct YesNo {
    default: Option<bool>,
}

impl YesNo {
    pub fn new(default: Option<bool>) -> Self {
        YesNo { default }
    }

    /// The answer Enter gives, shown in the prompt as `[Y/n]` or `[y/N]`.
    pub fn default(&self) -> Option<bool> {
        self.default
    }

    pub fn on_key(&self, key: Key) -> Step<bool> {
        match key {
            Key::Char('y' | 'Y') => Step::Answer(true),
            Key::Char('n' | 'N') => Step::Answer(false),
            Key::Enter => self.default.map_or(Step::Wait, Step::Answer),
            Key::Escape | Key::Char('q') => Step::Back,
            Key::Char(CTRL_D) => Step::EndOfInput,
            _ => Step::Wait,
        }
    }
}

/// A list to choose one item from. The arrows, Tab and Shift-Tab, `j` and `k` move the
/// selection, wrapping around at either end; Enter or Space choose. A list too tall for
/// the terminal is cut into pages, turned with the left and right arrows or `h` and `l`.
#[derive(Debug)]
pub struct Choices {
    len: usize,
    selected: usize,
    /// The first item of each page, in order; a single page when the list fits.
    pages: Vec<usize>,
}

impl Choices {
    /// A list of `len` items, starting at `selected` (the last item if that is past it).
    pub fn new(len: usize, selected: usize) -> Self {
        Choices {
            len,
            selected: selected.min(len.saturating_sub(1)),
            pages: vec![0],
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Cuts the list into pages of at most `room` rows, given the rows each item takes. An
    /// item taller than `room` gets a page to itself: it cannot be made to fit.
    pub fn paginate(&mut self, heights: &[usize], room: usize) {
        let mut pages = vec![0];
        let mut used = 0;
        for (item, &height) in heights.iter().enumerate().take(self.len) {
            if used > 0 && used + height > room {
                pages.push(item);
                used = 0;
            }
            used += height;
        }
        self.pages = pages;
    }

    /// The page the selection is on (from 0) and how many there are.
    pub fn page(&self) -> (usize, usize) {
        let page = self.pages.partition_point(|&first| first <= self.selected);
        (page.saturating_sub(1), self.pages.len())
    }

    /// The items on the selection's page.
    pub fn shown(&self) -> Range<usize> {
        let (page, _) = self.page();
        let first = self.pages.get(page).copied().unwrap_or(0);
        let end = self.pages.get(page + 1).copied().unwrap_or(self.len);
        first..end
    }

    pub fn on_key(&mut self, key: Key) -> Step<usize> {
        match key {
            Key::ArrowDown | Key::Tab | Key::Char('j') => self.advance(1),
            Key::ArrowUp | Key::BackTab | Key::Char('k') => self.advance(self.len.wrapping_sub(1)),
            Key::ArrowLeft | Key::Char('h') => self.turn(self.pages.len().wrapping_sub(1)),
            Key::ArrowRight | Key::Char('l') => self.turn(1),
            Key::Enter | Key::Char(' ') if self.len > 0 => Step::Answer(self.selected),
            Key::Escape | Key::Char('q') => Step::Back,
            Key::Char(CTRL_D) => Step::EndOfInput,
            _ => Step::Wait,
        }
    }

    /// Moves the selection `by` items forward, modulo the length: `len - 1` is one back.
    fn advance(&mut self, by: usize) -> Step<usize> {
        match self.len {
            0 => Step::Wait,
            len => {
                self.selected = (self.selected + by % len) % len;
                Step::Redraw
            }
        }
    }

    /// Selects the first item of the page `by` pages on, modulo their number.
    fn turn(&mut self, by: usize) -> Step<usize> {
        let (page, pages) = self.page();
        if pages < 2 {
            return Step::Wait;
        }
        let to = (page + by % pages) % pages;
        self.selected = self.pages.get(to).copied().unwrap_or(0);
        Step::Redraw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTRL_D_KEY: Key = Key::Char('\x04');

    #[test]
    fn yes_and_no_answer_at_once_in_either_case() {
        for default in [None, Some(true), Some(false)] {
            let keys = YesNo::new(default);
            assert_eq!(keys.on_key(Key::Char('y')), Step::Answer(true));
            assert_eq!(keys.on_key(Key::Char('Y')), Step::Answer(true));
            assert_eq!(keys.on_key(Key::Char('n')), Step::Answer(false));
            assert_eq!(keys.on_key(Key::Char('N')), Step::Answer(false));
        }
    }

    #[test]
    fn enter_takes_the_default_and_without_one_waits() {
        assert_eq!(
            YesNo::new(Some(true)).on_key(Key::Enter),
            Step::Answer(true)
        );
        assert_eq!(
            YesNo::new(Some(false)).on_key(Key::Enter),
            Step::Answer(false)
        );
        assert_eq!(YesNo::new(None).on_key(Key::Enter), Step::Wait);
    }

    #[test]
    fn a_yes_no_question_goes_back_on_esc_or_q() {
        let keys = YesNo::new(Some(false));
        assert_eq!(keys.on_key(Key::Escape), Step::Back);
        assert_eq!(keys.on_key(Key::Char('q')), Step::Back);
    }

    #[test]
    fn ctrl_d_ends_the_input_at_a_yes_no_question() {
        for default in [None, Some(true)] {
            assert_eq!(YesNo::new(default).on_key(CTRL_D_KEY), Step::EndOfInput);
        }
    }

    #[test]
    fn other_keys_change_nothing_at_a_yes_no_question() {
        let keys = YesNo::new(None);
        for key in [
            Key::Char(' '),
            Key::Char('x'),
            Key::Char('\0'),
            Key::ArrowDown,
            Key::Tab,
            Key::Backspace,
            Key::Unknown,
            Key::UnknownEscSeq(vec!['[', '9']),
        ] {
            assert_eq!(keys.on_key(key), Step::Wait);
        }
        assert_eq!(keys.default(), None);
    }

    /// The keys pressed in turn, and where the selection ends.
    fn after(choices: &mut Choices, keys: impl IntoIterator<Item = Key>) -> usize {
        for key in keys {
            assert_eq!(choices.on_key(key), Step::Redraw);
        }
        choices.selected()
    }

    #[test]
    fn down_tab_and_j_move_forward_and_wrap_to_the_top() {
        for key in [Key::ArrowDown, Key::Tab, Key::Char('j')] {
            let mut choices = Choices::new(3, 0);
            assert_eq!(after(&mut choices, [key.clone()]), 1);
            assert_eq!(after(&mut choices, [key.clone()]), 2);
            assert_eq!(after(&mut choices, [key]), 0, "wraps around");
        }
    }

    #[test]
    fn up_backtab_and_k_move_back_and_wrap_to_the_bottom() {
        for key in [Key::ArrowUp, Key::BackTab, Key::Char('k')] {
            let mut choices = Choices::new(3, 1);
            assert_eq!(after(&mut choices, [key.clone()]), 0);
            assert_eq!(after(&mut choices, [key.clone()]), 2, "wraps around");
            assert_eq!(after(&mut choices, [key]), 1);
        }
    }

    #[test]
    fn enter_and_space_choose_the_selection() {
        let mut choices = Choices::new(4, 2);
        assert_eq!(choices.on_key(Key::Enter), Step::Answer(2));
        assert_eq!(choices.on_key(Key::Char(' ')), Step::Answer(2));
        after(&mut choices, [Key::ArrowDown]);
        assert_eq!(choices.on_key(Key::Enter), Step::Answer(3));
    }

    #[test]
    fn the_start_is_clamped_into_the_list() {
        let mut choices = Choices::new(3, 7);
        assert_eq!(choices.on_key(Key::Enter), Step::Answer(2));
    }

    #[test]
    fn a_list_goes_back_on_esc_or_q() {
        let mut choices = Choices::new(3, 0);
        assert_eq!(choices.on_key(Key::Escape), Step::Back);
        assert_eq!(choices.on_key(Key::Char('q')), Step::Back);
    }

    #[test]
    fn ctrl_d_ends_the_input_at_a_list() {
        let mut choices = Choices::new(3, 1);
        assert_eq!(choices.on_key(CTRL_D_KEY), Step::EndOfInput);
        assert_eq!(choices.selected(), 1);
    }

    #[test]
    fn other_keys_change_nothing_at_a_list() {
        let mut choices = Choices::new(3, 1);
        for key in [
            Key::Char('y'),
            Key::Char('n'),
            Key::Char('\0'),
            Key::Home,
            Key::End,
            Key::PageDown,
            Key::Backspace,
            Key::Unknown,
            Key::UnknownEscSeq(vec!['[', '9']),
        ] {
            assert_eq!(choices.on_key(key), Step::Wait);
        }
        assert_eq!(choices.selected(), 1);
    }

    #[test]
    fn left_right_h_and_l_do_nothing_while_the_list_fits() {
        let mut choices = Choices::new(3, 1);
        choices.paginate(&[1, 1, 1], 10);
        for key in [
            Key::ArrowLeft,
            Key::ArrowRight,
            Key::Char('h'),
            Key::Char('l'),
        ] {
            assert_eq!(choices.on_key(key), Step::Wait);
        }
        assert_eq!(choices.selected(), 1);
        assert_eq!(choices.page(), (0, 1));
        assert_eq!(choices.shown(), 0..3);
    }

    #[test]
    fn one_row_items_make_pages_of_equal_length() {
        let mut choices = Choices::new(5, 3);
        choices.paginate(&[1; 5], 2);
        assert_eq!(choices.page(), (1, 3));
        assert_eq!(choices.shown(), 2..4);
    }

    #[test]
    fn tall_items_start_a_page_where_they_would_overflow_it() {
        let mut choices = Choices::new(4, 0);
        choices.paginate(&[2, 3, 1, 9], 4);
        assert_eq!(choices.shown(), 0..1);
        after(&mut choices, [Key::ArrowDown]);
        assert_eq!(choices.shown(), 1..3);
        after(&mut choices, [Key::ArrowDown, Key::ArrowDown]);
        assert_eq!(
            choices.shown(),
            3..4,
            "too tall for any page: one of its own"
        );
    }

    #[test]
    fn right_and_l_turn_to_the_next_page_and_wrap_to_the_first() {
        for key in [Key::ArrowRight, Key::Char('l')] {
            let mut choices = Choices::new(5, 1);
            choices.paginate(&[1; 5], 2);
            assert_eq!(after(&mut choices, [key.clone()]), 2);
            assert_eq!(after(&mut choices, [key.clone()]), 4);
            assert_eq!(after(&mut choices, [key]), 0, "wraps around");
        }
    }

    #[test]
    fn left_and_h_turn_to_the_previous_page_and_wrap_to_the_last() {
        for key in [Key::ArrowLeft, Key::Char('h')] {
            let mut choices = Choices::new(5, 3);
            choices.paginate(&[1; 5], 2);
            assert_eq!(after(&mut choices, [key.clone()]), 0);
            assert_eq!(after(&mut choices, [key.clone()]), 4, "wraps around");
            assert_eq!(choices.page(), (2, 3));
        }
    }

    #[test]
    fn moving_past_a_page_shows_the_next() {
        let mut choices = Choices::new(4, 1);
        choices.paginate(&[1; 4], 2);
        assert_eq!(choices.shown(), 0..2);
        after(&mut choices, [Key::ArrowDown]);
        assert_eq!(choices.shown(), 2..4);
        after(&mut choices, [Key::ArrowDown, Key::ArrowDown]);
        assert_eq!(choices.shown(), 0..2, "wrapped to the first page");
    }

    #[test]
    fn an_empty_list_only_goes_back_or_ends() {
        let mut choices = Choices::new(0, 0);
        for key in [Key::ArrowDown, Key::ArrowUp, Key::Enter, Key::ArrowRight] {
            assert_eq!(choices.on_key(key), Step::Wait);
        }
        assert_eq!(choices.on_key(Key::Escape), Step::Back);
        assert_eq!(choices.on_key(CTRL_D_KEY), Step::EndOfInput);
        assert_eq!(choices.shown(), 0..0);
    }
}

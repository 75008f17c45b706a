//! The vocabulary between the keyboard and the reader: every action a user
//! can ask for, and the modes a key is read in. The key table, the config
//! file and the reader's `update` all speak it.

/// Everything a user can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Next,
    Prev,
    NextSibling,
    PrevSibling,
    Parent,
    Root,
    NextTop,
    PrevTop,
    NextPost,
    PrevPost,
    PageDown,
    PageUp,
    /// Ctrl-E / Ctrl-Y: the view a line down / up, the focus kept.
    LineDown,
    LineUp,
    HalfDown,
    HalfUp,
    Top,
    Bottom,
    Enter,
    Fold,
    Unfold,
    CollapseAll,
    ExpandAll,
    /// `z`: the next key says where the focused comment goes.
    PlacePrefix,
    /// `zz`, `zt`, `zb`.
    Place(Place),
    FindStart,
    FindInput(char),
    /// Text typed faster than a frame, or pasted: typed into the prompt
    /// (line breaks as spaces); anywhere else it does nothing but say so.
    Insert(String),
    FindBackspace,
    /// Moving the caret or deleting in the find prompt.
    Edit(Edit),
    FindToggleRegex,
    FindAccept,
    FindCancel,
    FindNext,
    FindPrev,
    SwitchPane,
    Back,
    /// Esc: back to the list, never out of the reader.
    Leave,
    Help,
    Quit,
    /// Next / previous comment not seen before.
    NextNew,
    PrevNew,
    /// Mark the open post read, or unread when it already is.
    ToggleRead,
    SaveComment,
    SaveThread,
    CopyText,
    CopyRef,
    OpenLink,
    /// `v`: the focused node's lines as the file has them.
    Source,
    /// `D`: the post's diagnostics, one to go to.
    Diagnostics,
    /// Repeated lines (a scrape's duplicates) drawn once, or each time.
    ToggleRepeats,
    /// `Q`: to what the comment quotes or names, or back to who quotes it.
    Quote,
    /// `&`: the thread narrowed to the comments that match, as you type.
    TreeFilter,
    /// `\`: find in every post, its hits in a pane.
    CorpusFind,
    /// Ctrl-O, Ctrl-T: back and forward on the jump list.
    JumpBack,
    JumpForward,
    /// A digit of a count before a motion (`5j`, `360G`).
    Digit(u8),
    /// In the link list: open link N (0-based).
    PickLink(u8),
    /// Mouse wheel: rows, down positive, at a screen position.
    Scroll {
        rows: i32,
        x: u16,
        y: u16,
    },
    Click {
        x: u16,
        y: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// Where `zz`, `zt` and `zb` put the focused comment in the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Centre,
    Top,
    Bottom,
}

/// Line editing in the find prompt, as in a shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Start,
    End,
    DeleteNext,
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    List,
    Thread,
    /// Typing a find query.
    Prompt,
    Help,
    /// Choosing one of the focused comment's links.
    Links,
    /// After `z`: where the focused comment goes.
    AfterZ,
    /// In the source view or the diagnostics panel.
    Panel,
}

//! The side panel's width and whether it is collapsed: what the splitter changes and the
//! browser keeps between visits, as plain data.

/// Narrower, and a step's form no longer fits a field and its label.
pub const MIN_WIDTH: u32 = 220;
/// Wider, and the canvas gets too little of a 1280 px window.
pub const MAX_WIDTH: u32 = 640;
const DEFAULT_WIDTH: u32 = 280;
/// How far one arrow key press moves the splitter.
const KEY_STEP: u32 = 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PanelSize {
    pub width: u32,
    pub collapsed: bool,
}

impl Default for PanelSize {
    fn default() -> Self {
        Self {
            width: DEFAULT_WIDTH,
            collapsed: false,
        }
    }
}

impl PanelSize {
    /// What [`PanelSize::stored`] wrote; anything else (an older or edited value) gives the
    /// default rather than a panel too narrow or too wide to use.
    pub fn from_stored(text: Option<&str>) -> Self {
        let Some((width, collapsed)) = text.and_then(|text| text.split_once(',')) else {
            return Self::default();
        };
        match (width.parse::<u32>(), collapsed) {
            (Ok(width), "open" | "collapsed") => Self {
                width: width.clamp(MIN_WIDTH, MAX_WIDTH),
                collapsed: collapsed == "collapsed",
            },
            _ => Self::default(),
        }
    }

    pub fn stored(self) -> String {
        let state = if self.collapsed { "collapsed" } else { "open" };
        format!("{},{state}", self.width)
    }

    /// The width after the splitter moved `dx` CSS pixels from where a drag started at
    /// `start_width` (the panel is on the right: moving left widens it).
    pub fn dragged(self, start_width: u32, dx: f64) -> Self {
        let width = (f64::from(start_width) - dx).round();
        Self {
            width: width.clamp(f64::from(MIN_WIDTH), f64::from(MAX_WIDTH)) as u32,
            collapsed: false,
        }
    }

    /// The width after an arrow key on the focused splitter: left widens, right narrows,
    /// Home and End go to the narrowest and widest.
    pub fn keyed(self, key: &str) -> Option<Self> {
        let width = match key {
            "ArrowLeft" => self.width.saturating_add(KEY_STEP),
            "ArrowRight" => self.width.saturating_sub(KEY_STEP),
            "Home" => MIN_WIDTH,
            "End" => MAX_WIDTH,
            _ => return None,
        };
        Some(Self {
            width: width.clamp(MIN_WIDTH, MAX_WIDTH),
            collapsed: false,
        })
    }

    pub fn toggled(self) -> Self {
        Self {
            collapsed: !self.collapsed,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_stored_reads_back_and_anything_else_is_the_default() {
        let size = PanelSize {
            width: 400,
            collapsed: true,
        };
        assert_eq!(PanelSize::from_stored(Some(&size.stored())), size);
        for text in [
            None,
            Some(""),
            Some("wide"),
            Some("300,maybe"),
            Some("-5,open"),
        ] {
            assert_eq!(
                PanelSize::from_stored(text),
                PanelSize::default(),
                "{text:?}"
            );
        }
        assert_eq!(PanelSize::from_stored(Some("9000,open")).width, MAX_WIDTH);
        assert_eq!(PanelSize::from_stored(Some("10,open")).width, MIN_WIDTH);
    }

    #[test]
    fn dragging_left_widens_within_bounds_and_opens_the_panel() {
        let collapsed = PanelSize::default().toggled();
        assert_eq!(collapsed.dragged(300, -50.4).width, 350);
        assert!(!collapsed.dragged(300, -50.0).collapsed);
        assert_eq!(collapsed.dragged(300, 1000.0).width, MIN_WIDTH);
        assert_eq!(collapsed.dragged(300, -1000.0).width, MAX_WIDTH);
    }

    #[test]
    fn keys_move_the_splitter_and_others_do_nothing() {
        let size = PanelSize::default();
        assert_eq!(
            size.keyed("ArrowLeft").unwrap().width,
            DEFAULT_WIDTH + KEY_STEP
        );
        assert_eq!(
            size.keyed("ArrowRight").unwrap().width,
            DEFAULT_WIDTH - KEY_STEP
        );
        assert_eq!(size.keyed("Home").unwrap().width, MIN_WIDTH);
        assert_eq!(size.keyed("End").unwrap().width, MAX_WIDTH);
        assert_eq!(size.keyed("a"), None);
    }
}

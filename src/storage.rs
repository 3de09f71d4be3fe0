//! What the browser keeps between pages: every use of `localStorage` and `sessionStorage` goes
//! through here. What is kept is a convenience, so without storage (blocked, or full) reads
//! find nothing and writes are dropped.

/// One of the browser's key-value stores.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Store {
    /// Kept across visits (`localStorage`).
    Local,
    /// Gone with the tab (`sessionStorage`).
    Session,
}

impl Store {
    fn storage(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self {
            Self::Local => window.local_storage(),
            Self::Session => window.session_storage(),
        }
        .ok()
        .flatten()
    }

    pub fn get(self, key: &str) -> Option<String> {
        self.storage()?.get_item(key).ok().flatten()
    }

    pub fn set(self, key: &str, value: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.set_item(key, value);
        }
    }

    pub fn remove(self, key: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(key);
        }
    }
}

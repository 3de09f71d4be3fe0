//! Webitel's directories of the objects a step names: queues, calendars, lists, media files
//! and mail profiles live in Webitel's other services, each listed by its own endpoint
//! (webitel/protos `engine/queue.proto`, `engine/calendar.proto`, `engine/list.proto`,
//! `storage/media.proto`, `engine/email_profile.proto`). A step's field that names one of
//! them picks it by name from there; where no directory answers, the field stays free text.

use crate::catalog::Object;
use crate::contract::{
    Operation, CALENDAR_DIRECTORY, EMAIL_PROFILE_DIRECTORY, LIST_DIRECTORY, MEDIA_DIRECTORY,
    QUEUE_DIRECTORY,
};
use crate::flow::PathSeg;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Where the objects of one kind are listed, and what to ask for besides id and name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Directory {
    pub kind: Object,
    /// Its listing (`GET /call_center/queues`).
    pub operation: Operation,
    /// Whether a pick writes the object's type too: a media file's `mime_type` from the
    /// listing, as the `type` the runtime plays it by (webitel/flow_manager `model/call.go`).
    pub typed: bool,
}

const DIRECTORIES: [Directory; 5] = [
    Directory {
        kind: Object::Queue,
        operation: QUEUE_DIRECTORY,
        typed: false,
    },
    Directory {
        kind: Object::Calendar,
        operation: CALENDAR_DIRECTORY,
        typed: false,
    },
    Directory {
        kind: Object::List,
        operation: LIST_DIRECTORY,
        typed: false,
    },
    Directory {
        kind: Object::Media,
        operation: MEDIA_DIRECTORY,
        typed: true,
    },
    Directory {
        kind: Object::EmailProfile,
        operation: EMAIL_PROFILE_DIRECTORY,
        typed: false,
    },
];

/// How many objects a lookup offers at once.
pub const OFFERED: u32 = 20;

/// The directory of `kind`, if Webitel keeps one a step can pick from.
pub fn directory(kind: Object) -> Option<&'static Directory> {
    DIRECTORIES.iter().find(|directory| directory.kind == kind)
}

/// Every directory, for a server that answers them all.
pub fn directories() -> &'static [Directory] {
    &DIRECTORIES
}

impl Directory {
    /// The query asking for the objects whose name holds `typed` (any case): Webitel reads `q`
    /// as an `ILIKE` pattern with `*` for any text (webitel/engine `model/search_list.go`), so
    /// a `%` or `_` typed is a wildcard too, which only widens what is offered.
    pub fn query(&self, typed: &str) -> Vec<(&'static str, String)> {
        let typed = typed.trim();
        let mut pairs = vec![
            ("page", "1".to_owned()),
            ("size", OFFERED.to_string()),
            ("fields", "id".to_owned()),
            ("fields", "name".to_owned()),
        ];
        if self.typed {
            pairs.push(("fields", "mime_type".to_owned()));
        }
        if !typed.is_empty() {
            pairs.push(("q", format!("*{}*", typed.replace('*', ""))));
        }
        pairs
    }
}

/// One object of a directory as Webitel lists it: ids are 64-bit integers sent as strings,
/// and fields with zero values are left out.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct Listed {
    #[serde(with = "crate::int64")]
    pub id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
}

/// Where a picked object is written in a step's argument.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PickTarget {
    pub kind: Object,
    /// The object naming it (a `queue` field, a file of a list, or the argument itself, as a
    /// calendar step's).
    pub object: Vec<PathSeg>,
    /// Whether that object holds the step's other settings too (a calendar step's argument):
    /// then only its `id` and `name` are written; otherwise it becomes the picked object.
    pub shared: bool,
}

impl PickTarget {
    /// The values a pick of `listed` writes, at their paths: its id and name, and a media
    /// file's type (left out when the directory gave none, so the runtime looks it up).
    pub fn values(&self, listed: &Listed) -> Vec<(Vec<PathSeg>, Value)> {
        let at = |key: &str| {
            let mut path = self.object.clone();
            path.push(PathSeg::Key(key.to_owned()));
            path
        };
        if self.shared {
            return vec![
                (at("id"), json!(listed.id)),
                (at("name"), json!(listed.name)),
            ];
        }
        let mut object = json!({"id": listed.id, "name": listed.name});
        let typed = directory(self.kind).is_some_and(|directory| directory.typed);
        if let (true, Some(mime)) = (typed, &listed.mime_type) {
            object["type"] = json!(mime);
        }
        vec![(self.object.clone(), object)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_directories_are_webitels_own_paths() {
        let path = |kind| directory(kind).map(|directory| directory.operation.path);
        assert_eq!(path(Object::Queue), Some("/call_center/queues"));
        assert_eq!(path(Object::Calendar), Some("/calendars"));
        assert_eq!(path(Object::List), Some("/call_center/list"));
        assert_eq!(path(Object::Media), Some("/storage/media"));
        assert_eq!(path(Object::EmailProfile), Some("/email/profile"));
        assert_eq!(path(Object::Flow), None, "flows are picked from this API");
        assert_eq!(path(Object::Global), None);
        assert_eq!(directories().len(), 5);
    }

    #[test]
    fn a_lookup_asks_for_names_holding_the_text() {
        let queues = directory(Object::Queue).unwrap();
        assert_eq!(
            queues.query(" Sal "),
            vec![
                ("page", "1".to_owned()),
                ("size", "20".to_owned()),
                ("fields", "id".to_owned()),
                ("fields", "name".to_owned()),
                ("q", "*Sal*".to_owned()),
            ]
        );
        assert!(!queues.query("").iter().any(|(key, _)| *key == "q"));
        assert!(queues.query("a*b").contains(&("q", "*ab*".to_owned())));
        let media = directory(Object::Media).unwrap();
        assert!(media
            .query("x")
            .contains(&("fields", "mime_type".to_owned())));
    }

    #[test]
    fn webitels_listing_reads_with_ids_as_strings_and_zero_values_left_out() {
        let listed: Listed = serde_json::from_value(json!({"id": "12", "name": "Sales"})).unwrap();
        assert_eq!((listed.id, listed.name.as_str()), (12, "Sales"));
        let unnamed: Listed = serde_json::from_value(json!({"id": 3})).unwrap();
        assert_eq!(unnamed.name, "");
        assert!(serde_json::from_value::<Listed>(json!({"name": "no id"})).is_err());
    }

    #[test]
    fn a_pick_writes_the_object_or_the_id_and_name_of_a_shared_one() {
        let key = |name: &str| PathSeg::Key(name.to_owned());
        let queue = PickTarget {
            kind: Object::Queue,
            object: vec![key("queue")],
            shared: false,
        };
        let sales = Listed {
            id: 12,
            name: "Sales".into(),
            mime_type: None,
        };
        assert_eq!(
            queue.values(&sales),
            vec![(vec![key("queue")], json!({"id": 12, "name": "Sales"}))]
        );
        let calendar = PickTarget {
            kind: Object::Calendar,
            object: Vec::new(),
            shared: true,
        };
        assert_eq!(
            calendar.values(&sales),
            vec![
                (vec![key("id")], json!(12)),
                (vec![key("name")], json!("Sales"))
            ]
        );
        let file = PickTarget {
            kind: Object::Media,
            object: vec![key("files"), PathSeg::Index(1)],
            shared: false,
        };
        let beep = Listed {
            id: 7,
            name: "beep.wav".into(),
            mime_type: Some("audio/wav".into()),
        };
        assert_eq!(
            file.values(&beep)[0].1,
            json!({"id": 7, "name": "beep.wav", "type": "audio/wav"})
        );
        let untyped = Listed {
            mime_type: None,
            ..beep
        };
        assert_eq!(
            file.values(&untyped)[0].1,
            json!({"id": 7, "name": "beep.wav"})
        );
    }
}

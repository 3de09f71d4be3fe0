//! Each app's icon (from the Lucide set the page uses), and its outline as one SVG path, so the
//! canvas draws it with `Path2D` like any line, at any zoom.

use crate::components::icon::lucide;
use flow_model::catalog::{self, Group};
use icondata_core::Icon;

/// The icon of an app; apps without one of their own take their group's, unknown apps a
/// puzzle piece.
pub fn app_icon(app: &str) -> Icon {
    match app {
        "if" => lucide::LuSplit,
        "switch" => lucide::LuGitFork,
        "while" => lucide::LuRepeat,
        "function" => lucide::LuSquareFunction,
        "execute" => lucide::LuPlay,
        "goto" => lucide::LuCornerDownRight,
        "schema" => lucide::LuWorkflow,
        "list" => lucide::LuListChecks,
        "trigger" => lucide::LuZap,
        "set" => lucide::LuVariable,
        "unSet" => lucide::LuEraser,
        "export" => lucide::LuUpload,
        "log" => lucide::LuFileText,
        "js" => lucide::LuCode,
        "math" => lucide::LuCalculator,
        "string" => lucide::LuType,
        "calendar" => lucide::LuCalendarDays,
        "timezone" => lucide::LuGlobe,
        "softSleep" | "sleep" => lucide::LuHourglass,
        "classifier" => lucide::LuTags,
        "cache" | "global" => lucide::LuDatabase,
        "ringReady" => lucide::LuBellRing,
        "preAnswer" => lucide::LuPhoneIncoming,
        "answer" => lucide::LuPhone,
        "hangup" => lucide::LuPhoneOff,
        "sipRedirect" | "bridge" => lucide::LuPhoneForwarded,
        "updateCid" => lucide::LuIdCard,
        "park" => lucide::LuCircleParking,
        "conference" => lucide::LuUsers,
        "setGrantee" => lucide::LuUserCheck,
        "markIVR" => lucide::LuFlag,
        "scheduleHangup" => lucide::LuTimerOff,
        "playback" => lucide::LuVolume2,
        "tts" | "sendTts" => lucide::LuAudioLines,
        "say" => lucide::LuSpeech,
        "ringback" => lucide::LuMusic,
        "setSounds" => lucide::LuSettings2,
        "recordFile" => lucide::LuMic,
        "recordSession" => lucide::LuDisc,
        "inBandDTMF" => lucide::LuGrid3x3,
        "flushDtmf" => lucide::LuDelete,
        "echo" => lucide::LuRepeat2,
        "backgroundPlayback" => lucide::LuRadio,
        "joinQueue" => lucide::LuListOrdered,
        "joinAgent" => lucide::LuUserPlus,
        "cancelQueue" => lucide::LuCircleX,
        "callbackQueue" => lucide::LuPhoneCall,
        "getQueueAgents" => lucide::LuUserSearch,
        "userInfo" => lucide::LuUser,
        "memberInfo" => lucide::LuContact,
        "patchMembers" => lucide::LuUserCog,
        "listAdd" => lucide::LuListPlus,
        "sendText" | "sendMessage" => lucide::LuSend,
        "menu" => lucide::LuLayoutList,
        "recvMessage" => lucide::LuInbox,
        "sendFile" => lucide::LuPaperclip,
        "sendImage" => lucide::LuImage,
        "stt" => lucide::LuAudioWaveform,
        "sendAction" => lucide::LuMousePointerClick,
        "chatHistory" => lucide::LuHistory,
        "broadcastChatMessage" => lucide::LuMegaphone,
        "formComponent" => lucide::LuTextCursorInput,
        "formFile" => lucide::LuFileUp,
        "formTable" => lucide::LuTable,
        "generateForm" => lucide::LuFileInput,
        "httpRequest" => lucide::LuWebhook,
        "sendEmail" => lucide::LuMail,
        "getEmail" => lucide::LuMailOpen,
        "notification" => lucide::LuBell,
        "openLink" => lucide::LuExternalLink,
        "generateLink" => lucide::LuLink2,
        "monoPay" => lucide::LuCreditCard,
        "chatAi" => lucide::LuBot,
        "gemini" => lucide::LuSparkles,
        "openai" => lucide::LuBrainCircuit,
        "cascadeVoice" => lucide::LuWaves,
        "attemptResult" => lucide::LuCircleCheck,
        "resumeAttempt" => lucide::LuRotateCcw,
        "makeCall" => lucide::LuPhoneOutgoing,
        "confirm" => lucide::LuThumbsUp,
        "cancel" => lucide::LuBan,
        "success" => lucide::LuBadgeCheck,
        "abandoned" => lucide::LuPhoneMissed,
        "retry" => lucide::LuRefreshCw,
        _ => catalog::app(app).map_or(lucide::LuPuzzle, |spec| group_icon(spec.group)),
    }
}

/// The colour of `app`'s palette group, which marks its steps at every zoom (none for an app
/// the catalog does not know). Distinct hues of like weight, readable on light and dark.
pub fn app_tint(app: &str) -> Option<&'static str> {
    Some(match catalog::app(app)?.group {
        Group::FlowControl => "#6366f1",
        Group::LogicVariables => "#0ea5e9",
        Group::CallControl => "#16a34a",
        Group::Media => "#d97706",
        Group::QueuesRouting => "#9333ea",
        Group::Messaging => "#0891b2",
        Group::Forms => "#db2777",
        Group::Integrations => "#64748b",
        Group::DialerService => "#ea580c",
    })
}

fn group_icon(group: Group) -> Icon {
    match group {
        Group::FlowControl => lucide::LuWorkflow,
        Group::LogicVariables => lucide::LuBraces,
        Group::CallControl => lucide::LuPhone,
        Group::Media => lucide::LuVolume2,
        Group::QueuesRouting => lucide::LuUsers,
        Group::Messaging => lucide::LuMessageSquare,
        Group::Forms => lucide::LuTable,
        Group::Integrations => lucide::LuWebhook,
        Group::DialerService => lucide::LuPhoneOutgoing,
    }
}

/// The value of attribute `name` in an SVG element's text.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = element[start..].find('"')?;
    Some(&element[start..start + length])
}

fn number(element: &str, name: &str) -> f64 {
    attribute(element, name)
        .and_then(|value| value.parse().ok())
        .unwrap_or(0.0)
}

/// The icon's drawing (paths, circles, ellipses, rectangles, lines, polylines, polygons) as
/// one SVG path, in its 24×24 box.
pub fn outline(icon: Icon) -> String {
    let mut path = String::new();
    for element in icon.data.split('<').filter(|part| !part.trim().is_empty()) {
        let kind = element.split_whitespace().next().unwrap_or_default();
        let piece = match kind {
            "path" => attribute(element, "d").unwrap_or_default().to_owned(),
            "circle" | "ellipse" => {
                let (cx, cy) = (number(element, "cx"), number(element, "cy"));
                let (rx, ry) = if kind == "circle" {
                    (number(element, "r"), number(element, "r"))
                } else {
                    (number(element, "rx"), number(element, "ry"))
                };
                format!(
                    "M{} {cy}a{rx} {ry} 0 1 0 {} 0a{rx} {ry} 0 1 0 {} 0",
                    cx - rx,
                    2.0 * rx,
                    -2.0 * rx
                )
            }
            "rect" => {
                let (x, y) = (number(element, "x"), number(element, "y"));
                let (width, height) = (number(element, "width"), number(element, "height"));
                let r = number(element, "rx").min(width / 2.0).min(height / 2.0);
                format!(
                    "M{} {y}h{}a{r} {r} 0 0 1 {r} {r}v{}a{r} {r} 0 0 1 {} {r}h{}a{r} {r} 0 0 1 {} {}v{}a{r} {r} 0 0 1 {r} {}z",
                    x + r,
                    width - 2.0 * r,
                    height - 2.0 * r,
                    -r,
                    -(width - 2.0 * r),
                    -r,
                    -r,
                    -(height - 2.0 * r),
                    -r
                )
            }
            "line" => format!(
                "M{} {}L{} {}",
                number(element, "x1"),
                number(element, "y1"),
                number(element, "x2"),
                number(element, "y2")
            ),
            "polyline" | "polygon" => {
                let points = attribute(element, "points").unwrap_or_default();
                let close = if kind == "polygon" { "z" } else { "" };
                format!("M{points}{close}")
            }
            _ => String::new(),
        };
        path.push_str(&piece);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_app_in_the_catalog_has_an_icon_and_unknown_apps_one_too() {
        for spec in catalog::APPS {
            assert!(!outline(app_icon(spec.name)).is_empty(), "{}", spec.name);
        }
        assert_eq!(app_icon("mystery"), lucide::LuPuzzle);
        assert_eq!(app_icon("answer"), lucide::LuPhone);
    }

    #[test]
    fn shapes_become_one_path() {
        assert_eq!(
            outline(lucide::LuCircle),
            "M2 12a10 10 0 1 0 20 0a10 10 0 1 0 -20 0"
        );
        let group = outline(lucide::LuGroup);
        assert!(group.starts_with("M3 7V5c0-1.1.9-2 2-2h2"), "{group}");
        assert!(
            group.contains(
                "M8 7h5a1 1 0 0 1 1 1v3a1 1 0 0 1 -1 1h-5a1 1 0 0 1 -1 -1v-3a1 1 0 0 1 1 -1z"
            ),
            "{group}"
        );
        let split = outline(lucide::LuSplit);
        assert!(split.matches('M').count() >= 3, "{split}");
    }
}

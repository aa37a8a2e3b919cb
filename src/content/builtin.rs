//! The built-in content, embedded in the binary so a fresh install has a full library.

use super::load::Source;

/// (name, text) of every embedded content file, loaded in this order.
const FILES: &[(&str, &str)] = &[
    ("data/skills.ron", include_str!("../../data/skills.ron")),
    ("data/situations.ron", include_str!("../../data/situations.ron")),
    ("data/playbooks.ron", include_str!("../../data/playbooks.ron")),
    ("data/vocabulary.ron", include_str!("../../data/vocabulary.ron")),
    (
        "data/phrases/connect.ron",
        include_str!("../../data/phrases/connect.ron"),
    ),
    (
        "data/phrases/understood.ron",
        include_str!("../../data/phrases/understood.ron"),
    ),
    (
        "data/phrases/composed.ron",
        include_str!("../../data/phrases/composed.ron"),
    ),
    (
        "data/phrases/resolve.ron",
        include_str!("../../data/phrases/resolve.ron"),
    ),
    ("data/phrases/tools.ron", include_str!("../../data/phrases/tools.ron")),
    ("data/phrases/craft.ron", include_str!("../../data/phrases/craft.ron")),
    ("data/practice.ron", include_str!("../../data/practice.ron")),
];

/// The embedded content files as sources, named `builtin:data/…`.
pub fn sources() -> Vec<Source> {
    FILES
        .iter()
        .map(|(name, text)| Source {
            path: format!("builtin:{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

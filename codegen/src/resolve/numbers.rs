//! Which answers the runtime may decode before putting their integers wider
//! than 64 bits in quotes (`OperationInfo::numbers_noted` in the runtime).
//!
//! Such an integer reaches a decoder as a float. The runtime's own decoders
//! (lenient scalars, IDs, envelope fields, one-or-many lists, unknown
//! variants, tagged unions) note every float they keep and every JSON tree
//! they build, so an answer whose payload reaches only them is decoded as
//! sent, and searched for wide integers only when one was noted. Decoders
//! that refuse a float (plain text, integers and booleans inside lists and
//! maps) keep nothing from one: the first pass fails, and the answer is
//! searched and decoded again. An answer whose payload reaches a decoder the
//! runtime cannot watch is searched before it is decoded, as every answer
//! was before: a `number` (a plain `f64`), a `json` value (a tree
//! serde_json builds), or a struct with a flattened field (decoded by
//! serde's derive, which buffers what it reads).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;

/// Sets `numbers_noted` on every operation's response.
pub(super) fn mark(api: &mut Api) {
    let noted: BTreeMap<String, bool> = {
        let types: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        api.operations().map(|op| (op.id.clone(), all_noted(&op.response.ty, &types, &mut BTreeSet::new()))).collect()
    };
    for op in api.areas.iter_mut().flat_map(|a| a.operations.iter_mut()) {
        op.response.numbers_noted = noted[&op.id];
    }
}

/// Whether every decoder `ty` reaches that could keep a float notes it.
/// `visiting` holds the named types on the way here: a type that contains
/// itself adds no decoder by doing so.
fn all_noted<'a>(ty: &'a Ty, types: &BTreeMap<&str, &'a TypeDef>, visiting: &mut BTreeSet<&'a str>) -> bool {
    match ty {
        Ty::Number | Ty::Json => false,
        Ty::List(item) | Ty::Map(item) | Ty::OneOrMany(item) => all_noted(item, types, visiting),
        Ty::Named(name) => {
            let Some(def) = types.get(name.as_str()) else { return false };
            if !visiting.insert(def.name.as_str()) {
                return true;
            }
            let noted = match &def.kind {
                TypeKind::Struct(fields) => fields.iter().all(|f| !f.flatten && all_noted(&f.ty, types, visiting)),
                TypeKind::Enum(_) | TypeKind::Id => true,
                TypeKind::KeyedUnion(variants) => variants.iter().all(|v| all_noted(&v.ty, types, visiting)),
                // Read whole into a tree first, which is noted.
                TypeKind::TaggedUnion { .. } => true,
            };
            visiting.remove(def.name.as_str());
            noted
        }
        Ty::String
        | Ty::Integer
        | Ty::Boolean
        | Ty::Timestamp
        | Ty::MuteDuration(_)
        | Ty::Secret
        | Ty::Binary
        | Ty::None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: Ty, flatten: bool) -> Field {
        Field {
            wire: name.into(),
            rust: name.into(),
            ty,
            required: false,
            limits: Limits::default(),
            default: None,
            flatten,
            aliases: Vec::new(),
            constant: false,
            doc: String::new(),
        }
    }

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.into(),
            home: Home::Common,
            doc: String::new(),
            kind,
            in_request: false,
            in_response: true,
        }
    }

    fn noted(ty: Ty, defs: &[TypeDef]) -> bool {
        let types = defs.iter().map(|t| (t.name.as_str(), t)).collect();
        all_noted(&ty, &types, &mut BTreeSet::new())
    }

    #[test]
    fn only_the_runtimes_decoders_keep_numbers_noted() {
        let named = |n: &str| Ty::Named(n.into());
        let defs = [
            def("Plain", TypeKind::Struct(vec![field("id", named("Id"), false), field("n", Ty::Integer, false)])),
            def("Id", TypeKind::Id),
            def("WithJson", TypeKind::Struct(vec![field("ext", Ty::Map(Box::new(Ty::Json)), false)])),
            def("WithFloat", TypeKind::Struct(vec![field("score", Ty::List(Box::new(Ty::Number)), false)])),
            def("Flattened", TypeKind::Struct(vec![field("inner", named("Plain"), true)])),
            // Contains itself through a list: no decoder is added by that.
            def("Tree", TypeKind::Struct(vec![field("children", Ty::List(Box::new(named("Tree"))), false)])),
            def(
                "Union",
                TypeKind::KeyedUnion(vec![Variant {
                    key: "k".into(),
                    rust: "K".into(),
                    ty: named("WithJson"),
                    doc: String::new(),
                }]),
            ),
        ];
        assert!(noted(Ty::List(Box::new(named("Plain"))), &defs));
        assert!(noted(named("Tree"), &defs));
        assert!(noted(Ty::OneOrMany(Box::new(Ty::Timestamp)), &defs));
        assert!(!noted(Ty::Json, &defs));
        assert!(!noted(named("WithJson"), &defs));
        assert!(!noted(named("WithFloat"), &defs));
        assert!(!noted(named("Flattened"), &defs));
        assert!(!noted(Ty::List(Box::new(named("Union"))), &defs));
        assert!(!noted(named("Missing"), &defs));
    }
}

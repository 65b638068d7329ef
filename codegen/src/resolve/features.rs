//! The cargo features of the generated crate (see [`Features`]): which
//! areas each area's types and operations use, and what the client needs
//! whatever the features.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::*;

/// Works out the features of a resolved API.
pub(super) fn features(api: &Api) -> Features {
    let types: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();

    // The client's own: the operation it fetches app tokens with, and every
    // type it reaches; common types are always compiled, so what they reach is too.
    let core_operations: BTreeSet<String> = api.app_token_operation().iter().map(|op| op.id.clone()).collect();
    let mut core_types = BTreeSet::new();
    for op in api.operations().filter(|op| core_operations.contains(&op.id)) {
        operation_refs(op, &mut core_types);
    }
    for t in api.types.iter().filter(|t| matches!(t.home, Home::Common | Home::Runtime)) {
        core_types.insert(t.name.clone());
    }
    close(&types, &mut core_types);

    // The areas whose gated types a set of references needs.
    let needs = |refs: &BTreeSet<String>, own: &str| -> Vec<String> {
        let mut out = BTreeSet::new();
        for name in refs.iter().filter(|n| !core_types.contains(*n)) {
            let feature = match types.get(name.as_str()).map(|t| &t.home) {
                Some(Home::Area(a)) => api.areas.iter().find(|x| x.name == *a).map(|x| x.rust.module.clone()),
                Some(Home::Callbacks) => api.callbacks.as_ref().map(|c| c.rust.module.clone()),
                _ => None,
            };
            out.extend(feature.filter(|f| f != own));
        }
        out.into_iter().collect()
    };

    let areas = api
        .areas
        .iter()
        .map(|area| {
            let mut refs = BTreeSet::new();
            for op in &area.operations {
                operation_refs(op, &mut refs);
            }
            for t in api.types.iter().filter(|t| t.home == Home::Area(area.name.clone())) {
                type_refs(t, &mut refs);
            }
            let partly_core = area.operations.iter().any(|op| core_operations.contains(&op.id))
                || api.types.iter().any(|t| t.home == Home::Area(area.name.clone()) && core_types.contains(&t.name));
            AreaFeature { name: area.rust.module.clone(), requires: needs(&refs, &area.rust.module), partly_core }
        })
        .collect();

    let callbacks = api.callbacks.as_ref().map(|cb| {
        let mut refs = BTreeSet::new();
        for e in &cb.events {
            refs.insert(e.ty.clone());
            refs.extend(e.reply.iter().map(|r| r.ty.clone()));
        }
        for t in api.types.iter().filter(|t| t.home == Home::Callbacks) {
            type_refs(t, &mut refs);
        }
        AreaFeature { name: cb.rust.module.clone(), requires: needs(&refs, &cb.rust.module), partly_core: false }
    });

    Features { areas, callbacks, core_operations, core_types }
}

/// The named types an operation's inputs and answer name.
fn operation_refs(op: &Operation, out: &mut BTreeSet<String>) {
    for p in &op.params {
        collect(&p.field.ty, out);
    }
    for f in op.body.iter().flat_map(|b| &b.fields) {
        collect(&f.ty, out);
    }
    collect(&op.response.ty, out);
}

/// The named types a type's fields or variants name.
fn type_refs(t: &TypeDef, out: &mut BTreeSet<String>) {
    match &t.kind {
        TypeKind::Struct(fields) => fields.iter().for_each(|f| collect(&f.ty, out)),
        TypeKind::KeyedUnion(vs) | TypeKind::TaggedUnion { variants: vs, .. } => {
            vs.iter().for_each(|v| collect(&v.ty, out))
        }
        TypeKind::Enum(_) | TypeKind::Id => {}
    }
}

/// Adds every type the set's types reach.
fn close(types: &BTreeMap<&str, &TypeDef>, set: &mut BTreeSet<String>) {
    let mut todo: Vec<String> = set.iter().cloned().collect();
    while let Some(name) = todo.pop() {
        let mut refs = BTreeSet::new();
        if let Some(t) = types.get(name.as_str()) {
            type_refs(t, &mut refs);
        }
        for r in refs {
            if set.insert(r.clone()) {
                todo.push(r);
            }
        }
    }
}

fn collect(ty: &Ty, out: &mut BTreeSet<String>) {
    match ty {
        Ty::Named(n) => {
            out.insert(n.clone());
        }
        Ty::List(t) | Ty::Map(t) | Ty::OneOrMany(t) => collect(t, out),
        _ => {}
    }
}

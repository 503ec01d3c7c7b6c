//! Walks a document along its schema and reports the values that carry an annotation
//! (`x-dokku-secret`, `x-dokku-since`): the schema, not a second table, says where they are.
//!
//! The walk follows `$ref`, `properties`, `patternProperties`, `additionalProperties`, `items`
//! and `allOf`; of `anyOf`/`oneOf` it follows the branches the value fits by a shallow test
//! (type, `const`/`enum`, `required`, closed objects' keys): that is what tells the untagged
//! record kinds of a list apart.

use std::cell::RefCell;
use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};

use super::schema::SECRET_ID_ANNOTATION;

/// One step from a document's root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// An annotated value and where it is.
#[derive(Debug)]
pub struct Place<'s, 'v> {
    /// The steps from the root.
    pub steps: Vec<Step>,
    /// The value.
    pub value: &'v Value,
    /// The schema object that carries the annotation.
    pub schema: &'s Map<String, Value>,
    /// The nearest enclosing `x-dokku-secret-id` template.
    pub secret_id_template: Option<&'s str>,
    /// The nearest enclosing map key (a `patternProperties`/`additionalProperties` member).
    pub entry: Option<&'v str>,
    /// The record the value belongs to (an element of a top-level list).
    pub record: Option<&'v Value>,
}

impl Place<'_, '_> {
    /// The place as a JSON path: `$.config[3].value`.
    pub fn json_path(&self) -> String {
        json_path(&self.steps)
    }

    /// The place as a JSON pointer: `/config/3/value`.
    pub fn pointer(&self) -> String {
        self.steps
            .iter()
            .map(|s| match s {
                Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
                Step::Index(i) => format!("/{i}"),
            })
            .collect()
    }
}

/// `steps` as a JSON path (`$.letsencrypt[0].options["dns-provider-TOKEN"]`).
pub fn json_path(steps: &[Step]) -> String {
    let mut path = String::from("$");
    for step in steps {
        match step {
            Step::Key(k) if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                path.push('.');
                path.push_str(k);
            }
            Step::Key(k) => path.push_str(&format!("[{}]", Value::String(k.clone()))),
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

/// A schema to walk documents by (its `patternProperties` compiled once).
pub struct SchemaWalker<'s> {
    root: &'s Value,
    patterns: RefCell<HashMap<String, Option<Regex>>>,
}

/// What one walk carries down the tree.
struct Context<'s, 'v> {
    annotation: &'s str,
    steps: Vec<Step>,
    template: Option<&'s str>,
    entry: Option<&'v str>,
    record: Option<&'v Value>,
}

impl<'s> SchemaWalker<'s> {
    /// A walker over `root` (a whole document schema, `$defs` included).
    pub fn new(root: &'s Value) -> Self {
        Self { root, patterns: RefCell::new(HashMap::new()) }
    }

    /// Calls `visit` for every value of `document` whose schema carries `annotation`. A value may
    /// be reported twice when two branches of an `anyOf` fit it.
    pub fn walk<'v>(&self, document: &'v Value, annotation: &'s str, visit: &mut dyn FnMut(Place<'s, 'v>)) {
        let mut context =
            Context { annotation, steps: Vec::new(), template: None, entry: None, record: None };
        self.node(self.root, document, &mut context, visit);
    }

    fn resolve(&self, reference: &str) -> Option<&'s Value> {
        let pointer = reference.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    fn pattern_matches(&self, pattern: &str, key: &str) -> bool {
        let mut patterns = self.patterns.borrow_mut();
        let compiled = patterns.entry(pattern.to_owned()).or_insert_with(|| Regex::new(pattern).ok());
        compiled.as_ref().is_some_and(|r| r.is_match(key))
    }

    fn node<'v>(
        &self,
        schema: &'s Value,
        value: &'v Value,
        context: &mut Context<'s, 'v>,
        visit: &mut dyn FnMut(Place<'s, 'v>),
    ) {
        let Some(object) = schema.as_object() else { return };
        let saved_template = context.template;
        if let Some(template) = object.get(SECRET_ID_ANNOTATION).and_then(Value::as_str) {
            context.template = Some(template);
        }
        if object.contains_key(context.annotation) {
            visit(Place {
                steps: context.steps.clone(),
                value,
                schema: object,
                secret_id_template: context.template,
                entry: context.entry,
                record: context.record,
            });
        }
        if let Some(target) = object.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)) {
            self.node(target, value, context, visit);
        }
        for branch in object.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            self.node(branch, value, context, visit);
        }
        for key in ["anyOf", "oneOf"] {
            for branch in object.get(key).and_then(Value::as_array).into_iter().flatten() {
                if self.fits(branch, value) {
                    self.node(branch, value, context, visit);
                }
            }
        }
        match value {
            Value::Object(members) => self.members(object, members, context, visit),
            Value::Array(elements) => {
                if let Some(items) = object.get("items") {
                    let top_level = context.steps.len() == 1;
                    for (i, element) in elements.iter().enumerate() {
                        let saved_record = context.record;
                        if top_level {
                            context.record = Some(element);
                        }
                        context.steps.push(Step::Index(i));
                        self.node(items, element, context, visit);
                        context.steps.pop();
                        context.record = saved_record;
                    }
                }
            }
            _ => {}
        }
        context.template = saved_template;
    }

    fn members<'v>(
        &self,
        object: &'s Map<String, Value>,
        members: &'v Map<String, Value>,
        context: &mut Context<'s, 'v>,
        visit: &mut dyn FnMut(Place<'s, 'v>),
    ) {
        let properties = object.get("properties").and_then(Value::as_object);
        let patterns = object.get("patternProperties").and_then(Value::as_object);
        let additional = object.get("additionalProperties");
        for (key, member) in members {
            context.steps.push(Step::Key(key.clone()));
            if let Some(schema) = properties.and_then(|p| p.get(key)) {
                self.node(schema, member, context, visit);
            } else {
                let saved_entry = context.entry;
                context.entry = Some(key);
                let mut matched = false;
                for (pattern, schema) in patterns.into_iter().flatten() {
                    if self.pattern_matches(pattern, key) {
                        matched = true;
                        self.node(schema, member, context, visit);
                    }
                }
                if !matched && let Some(schema) = additional {
                    self.node(schema, member, context, visit);
                }
                context.entry = saved_entry;
            }
            context.steps.pop();
        }
    }

    /// Whether `value` plausibly fits `schema` (a shallow test, see the module comment).
    fn fits(&self, schema: &'s Value, value: &Value) -> bool {
        let object = match schema {
            Value::Bool(b) => return *b,
            Value::Object(o) => o,
            _ => return true,
        };
        if let Some(target) = object.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r))
            && !self.fits(target, value)
        {
            return false;
        }
        if let Some(kinds) = object.get("type") {
            let fits_kind = |kind: &Value| kind.as_str().is_some_and(|k| has_type(value, k));
            let ok = match kinds {
                Value::Array(list) => list.iter().any(fits_kind),
                kind => fits_kind(kind),
            };
            if !ok {
                return false;
            }
        }
        if let Some(constant) = object.get("const")
            && constant != value
        {
            return false;
        }
        if let Some(Value::Array(options)) = object.get("enum")
            && !options.contains(value)
        {
            return false;
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = object.get(key)
                && !branches.iter().any(|b| self.fits(b, value))
            {
                return false;
            }
        }
        if let Some(Value::Array(branches)) = object.get("allOf")
            && !branches.iter().all(|b| self.fits(b, value))
        {
            return false;
        }
        if let Value::Object(members) = value {
            let required = object.get("required").and_then(Value::as_array).into_iter().flatten();
            if required.filter_map(Value::as_str).any(|r| !members.contains_key(r)) {
                return false;
            }
            if object.get("additionalProperties") == Some(&Value::Bool(false)) {
                let properties = object.get("properties").and_then(Value::as_object);
                let patterns = object.get("patternProperties").and_then(Value::as_object);
                let known = |key: &String| {
                    properties.is_some_and(|p| p.contains_key(key))
                        || patterns.into_iter().flatten().any(|(p, _)| self.pattern_matches(p, key))
                };
                if !members.keys().all(known) {
                    return false;
                }
            }
        }
        true
    }
}

/// Whether `value` has JSON Schema type `kind`.
fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "list": {"type": "array", "items": {"$ref": "#/$defs/Record"}}
            },
            "$defs": {
                "Record": {"anyOf": [
                    {"type": "object", "required": ["hostname"], "additionalProperties": false,
                     "properties": {"hostname": {"type": "string"},
                                    "password": {"x-dokku-secret": true, "x-dokku-secret-id": "{hostname}"}}},
                    {"type": "object", "required": ["name"],
                     "properties": {"name": {"type": "string"},
                                    "options": {"type": "object",
                                                "patternProperties": {"^token-": {"x-dokku-secret": true}},
                                                "additionalProperties": {"type": "string"}}}}
                ]}
            }
        })
    }

    #[test]
    fn finds_annotated_values_through_refs_branches_and_maps() {
        let schema = schema();
        let document = json!({"list": [
            {"hostname": "h", "password": "p"},
            {"name": "n", "options": {"token-a": "t", "email": "e"}},
        ]});
        let mut found = Vec::new();
        SchemaWalker::new(&schema).walk(&document, "x-dokku-secret", &mut |place| {
            found.push((place.json_path(), place.pointer(), place.secret_id_template, place.entry));
        });
        assert_eq!(
            found,
            vec![
                ("$.list[0].password".to_owned(), "/list/0/password".to_owned(), Some("{hostname}"), None),
                (
                    "$.list[1].options[\"token-a\"]".to_owned(),
                    "/list/1/options/token-a".to_owned(),
                    None,
                    Some("token-a")
                ),
            ]
        );
    }
}

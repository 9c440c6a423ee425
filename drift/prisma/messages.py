"""Every message the Prisma parser reports, in one place. Where Prisma has a message for the same mistake we use
its wording, so that users can search for it."""

from __future__ import annotations

# Syntax: lines that are not what the block expects.
INVALID_TOP_LEVEL_LINE = "This line is invalid. It does not start with any known Prisma schema keyword."
INVALID_MODEL_LINE = "This line is not a valid field or attribute definition."
INVALID_ENUM_LINE = "This line is not an enum value definition."
INVALID_CONFIG_LINE = "This line is not a valid definition within a {keyword}."
FIELD_WITHOUT_TYPE = "This field declaration is invalid. It is either missing a name or a type."
BLOCK_ATTRIBUTE_ON_FIELD = "A block attribute (`@@{name}`) cannot be used on a field."
BLOCK_ATTRIBUTE_ON_FIELD_HINT = "Use `@{name}` on the field, or put `@@{name}(...)` on its own line in the block."
OPTIONAL_LIST = "Optional lists are not supported. Use either `Type[]` or `Type?`."
TRAILING_COMMA_ARGUMENTS = (
    'Error parsing attribute "@{name}": Trailing commas are not valid in attribute arguments, please remove the comma.'
)
TRAILING_COMMA_ARRAY = (
    'Error parsing attribute "@{name}": Trailing commas are not valid in arrays, please remove the comma.'
)
MISSING_CLOSING_BRACE = 'The {keyword} "{name}" is missing its closing brace.'
MISSING_CLOSING_BRACE_HINT = "Add a line with `}` at the end of the block."
# Prisma's words for a block keyword without a name (`enum {`), whatever the keyword (the parser formats it with
# `keyword=`, unused).
MISSING_BLOCK_NAME = (
    "Error validating: This block is invalid. It does not start with any known Prisma schema keyword. Valid keywords "
    "include 'model', 'enum', 'type', 'datasource' and 'generator'."
)
UNEXPECTED_CLOSING_BRACE = "This closing brace does not close any block."
UNTERMINATED_STRING = "This string is not terminated: a closing quote is missing on this line."
UNEXPECTED_TOKEN_HINT = "Expected {expected}."
SYNTAX_ERROR = "Syntax error: unexpected {found}."

# Light validation that needs only syntax.
DUPLICATE_TOP_LEVEL = 'The {kind} "{name}" cannot be defined because a {other_kind} with that name already exists.'
DUPLICATE_FIELD = 'Field "{field}" is already defined on {kind} "{block}".'
DUPLICATE_ENUM_VALUE = 'Value "{value}" is already defined on enum "{block}".'
DUPLICATE_PROPERTY = 'Key "{key}" is already defined in {kind} "{block}".'

# Indexes on PostgreSQL (drift.prisma.index_rules), in Prisma's words, its quirks included ("@index" for "@@index"
# in the unknown index type message, "points to the field"). Most are a detail after INVALID_INDEX_ATTRIBUTE.
INVALID_INDEX_ATTRIBUTE = 'Error parsing attribute "{attribute}": {detail}'
OPERATOR_CLASS_INDEX_TYPE = (
    "The given operator class `{operator_class}` is not supported with the `{index_type}` index type."
)
OPERATOR_CLASS_INDEX_TYPE_HINT = "`{operator_class}` is an operator class of {index_types} indexes."
OPERATOR_CLASS_NATIVE_TYPE = (
    "The given operator class `{operator_class}` does not support native type `{native_type}` of field `{field}`."
)
OPERATOR_CLASS_NEEDS_NATIVE_TYPE = (
    "The given operator class `{operator_class}` expects the field `{field}` to define a valid native type."
)
OPERATOR_CLASS_SCALAR_TYPE = (
    "The given operator class `{operator_class}` points to the field `{field}` that is not of {scalar_type} type."
)
OPERATOR_CLASS_NEEDS_LIST = (
    "The given operator class `{operator_class}` expects the type of field `{field}` to be an array."
)
NO_DEFAULT_OPERATOR_CLASS = "The {index_type} index field type `{native_type}` has no default operator class."
NO_DEFAULT_OPERATOR_CLASS_HINT = "Name an operator class for the field with `ops:`, or use another index type."
INDEX_TYPE_FIELD_TYPE = "The {index_type} index type does not support the type of the field `{field}`."
SPGIST_ONE_COLUMN = "SpGist does not support multi-column indices."
EMPTY_INDEX = "The list of fields in an index cannot be empty. Please specify at least one field."
OPERATOR_CLASS_OUTSIDE_INDEX = "Operator classes can only be defined to fields in an @@index attribute."
XML_INDEX = "You cannot define an index on fields with native type `Xml` of Postgres."
XML_UNIQUE = "Native type `Xml` cannot be unique in Postgres."
VIEW_INDEX = "Error validating: Views cannot have indexes."
UNKNOWN_OPERATOR_CLASS = "Unexpected token. Expected one of: Invalid operator class: {name}"
UNKNOWN_OPERATOR_CLASS_HINT = 'Use one of Prisma\'s operator classes (such as JsonbOps or InetOps), or raw("...").'
NOT_AN_OPERATOR_CLASS = "Unexpected token. Expected one of: operator class"
UNKNOWN_INDEX_TYPE = 'Error parsing attribute "@index": Unknown index type: {name}.'
UNKNOWN_INDEX_TYPE_HINT = "Use {index_types}."
INDEX_TYPE_NOT_CONSTANT = "Expected a constant value, but received string value `{raw}`."
NO_SUCH_ARGUMENT = "No such argument."
UNIQUE_INDEX_TYPE_HINT = "`type` is an argument of `@@index` only: a unique index is a BTree index."

# Keys and indexes: their fields and names (resolve); a partial index's `where:` (drift.prisma.index_rules).
REPEATED_KEY_FIELD = (
    'Error validating model "{model}": The unique index definition refers to the field {field} multiple times.'
)
INDEX_ON_RELATION = (
    'Error validating model "{model}": The {definition} definition refers to the relation fields {fields}. Index '
    "definitions must reference only scalar fields."
)
INDEX_ON_RELATION_HINT = " Did you mean `{attribute}([{fields}])`?"
ID_ON_RELATIONS = (
    'Error validating model "{model}": The id definition refers to the relation {fields}. ID definitions must '
    "reference only scalar fields."
)
KEY_NAME_REPEATED = (
    'Error parsing attribute "{attribute}": The given custom name `{name}` has to be unique on the model. Please '
    "provide a different name for the `name` argument."
)
KEY_NAME_IS_FIELD = (
    'Error validating model "{model}": The custom name `{name}` specified for the `{attribute}` attribute is already '
    "used as a name for a field. Please choose a different name."
)
WHERE_RAW_STRING = (
    "The `where` argument must be a raw() function with a string argument, e.g. `where: raw(\"status = 'active'\")`."
)
WHERE_NOT_RAW_OR_OBJECT = (
    "The `where` argument must be either a raw() function call or an object literal, e.g. "
    "`where: raw(\"status = 'active'\")` or `where: { active: true }`."
)
WHERE_EMPTY_OBJECT = "The `where` argument cannot be an empty object."
WHERE_UNKNOWN_FIELD = "Field '{field}' does not exist in model '{model}'."
WHERE_RELATION_FIELD = "Field '{field}' is a relation field. Only scalar fields can be used in the where clause."
WHERE_UNSUPPORTED_FIELD = (
    "Field '{field}' is an unsupported type and cannot be used in the object syntax of a where clause. Use raw() "
    "instead."
)
WHERE_NESTED_ONE_KEY = (
    'Nested object in where clause must have exactly one key. Use `{ not: null }` or `{ not: "value" }`.'
)
WHERE_NESTED_KEY = "Unknown key '{key}' in nested where clause object. Only 'not' is supported."
WHERE_INVALID_CONSTANT = (
    "Invalid value '{value}' in where clause. Expected true, false, null, a string, a number, or an object like "
    "{{ not: null }}."
)
WHERE_INVALID_VALUE = (
    "Invalid value in where clause. Expected true, false, null, a string, a number, or an object like { not: null }."
)
WHERE_ENUM_TYPE = "Type mismatch: field '{field}' is an Enum and only accepts String values in the where clause."
WHERE_TYPE_MISMATCH = "Type mismatch: field '{field}' is of type {type}, but the value is {value}."

# Fields and relations (resolve).
RELATION_TYPE_MISMATCH = (
    'Error parsing attribute "@relation": The type of the field `{field}` in the model `{model}` is not matching the '
    "type of the referenced field `{reference}` in model `{target}`."
)
MANY_TO_MANY_WITHOUT_ID = (
    "Error validating field `{field}` in model `{model}`: The relation field `{field}` on model `{model}` references "
    "`{target}` which does not have an `@id` field. Models without `@id` cannot be part of a many to many relation. "
    "Use an explicit intermediate Model to represent this relationship."
)

# Names and native types (resolve).
RESERVED_SCALAR_NAME = '"{name}" is a reserved scalar type name and cannot be used.'
RESERVED_MODEL_NAME = (
    'Error validating model "{name}": The {block} name `{name}` is invalid. It is a reserved name. Please change it. '
    "Read more at https://pris.ly/d/naming-models"
)
RESERVED_ENUM_NAME = (
    "Error validating enum `{name}`: The enum name `{name}` is invalid. It is a reserved name. Please change it. "
    "Read more at https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model#naming-enums"
)
RESERVED_NAME_HINT = "Prisma Client names a type after it; rename the {block} and keep its database name with @@map."
NATIVE_TYPE_UNKNOWN = "Native type {name} is not supported for postgresql connector."
NATIVE_TYPE_INCOMPATIBLE = (
    "Native type {name} is not compatible with declared field type {scalar}, expected field type {expected}."
)
NATIVE_TYPE_ARGUMENTS = "Native type {name} takes {count} optional arguments, but received {received}."
NATIVE_TYPE_NO_ARGUMENTS = 'Function "{name}" takes 0 arguments, but received {received}.'
NATIVE_TYPE_INTEGER = "Expected a nonnegative integer, but found ({found})."
NATIVE_TYPE_TWO_INTEGERS = "Expected two nonnegative integers, but found ({found})."
NATIVE_TYPE_OUT_OF_RANGE = "Argument M is out of range for native type `{type}` of Postgres: {detail}"
DECIMAL_PRECISION_RANGE = "Precision must be positive with a maximum value of 1000."
TIME_PRECISION_RANGE = "M can range from 0 to 6."
BIT_LENGTH_RANGE = "M must be a positive integer."
DECIMAL_SCALE = "The scale must not be larger than the precision for the {type} native type in Postgres."
DUPLICATE_NATIVE_TYPE = 'Attribute "@db" can only be defined once.'
REPEATED_ATTRIBUTE = 'Attribute "{attribute}" can only be defined once.'
UPDATED_AT_LIST = 'Error parsing attribute "@updatedAt": Fields that are marked with @updatedAt cannot be lists.'
UPDATED_AT_NOT_DATETIME = (
    'Error parsing attribute "@updatedAt": Fields that are marked with @updatedAt must be of type DateTime.'
)

# Keys (resolve).
ID_NOT_REQUIRED = 'Error parsing attribute "@id": Fields that are marked as id must be required.'
ID_OPTIONAL_FIELDS = (
    'Error validating model "{model}": The id definition refers to the optional {fields}. ID definitions must '
    "reference only required fields."
)
TWO_IDS = (
    'Error validating model "{model}": Each model must have at most one id criteria. You can\'t have `@id` and `@@id` '
    "at the same time."
)
TWO_FIELD_IDS = (
    'Error validating model "{model}": At most one field must be marked as the id field with the `@id` attribute.'
)
EMPTY_ID = (
    'Error parsing attribute "@@id": The list of fields in an `@@id()` attribute cannot be empty. Please specify at '
    "least one field."
)
UNIQUE_ON_RELATION = (
    'Error parsing attribute "@unique": The field `{field}` is a relation field and cannot be marked with `unique`. '
    "Only scalar fields can be made unique."
)
UNIQUE_ON_RELATION_ONE = " Did you mean to put it on `{field}`?"
UNIQUE_ON_RELATION_SEVERAL = " Did you mean to provide `@@unique([{fields}])`?"
ID_ON_RELATION = (
    'Error parsing attribute "@id": The field `{field}` is a relation field and cannot be marked with `@id`. Only '
    "scalar fields can be declared as id."
)
SORT_ORDER = "Unexpected token. Expected one of: Asc, Desc"
NO_UNIQUE_CRITERIA = (
    'Error validating model "{model}": Each model must have at least one unique criteria that has only required '
    "fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or "
    "`@@unique([])` to the model."
)
NOT_CONSIDERED_CRITERIA = (
    " The following unique criterias were not considered as they contain fields that are not required:\n{criteria}"
)
NO_UNIQUE_CRITERIA_HINT = "Add `@id` to the field that identifies a row, or `@@ignore` if Prisma Client should skip it."

# Attributes and their arguments (drift.prisma.attribute_rules).
UNKNOWN_ATTRIBUTE = 'Attribute not known: "@{name}".'
MISSING_ARGUMENT = 'Argument "{name}" is missing.'
ARGUMENT_REPEATED = 'Argument "{name}" is already specified.'
ARGUMENT_REPEATED_UNNAMED = 'Argument "{name}" is already specified as unnamed argument.'
MULTIPLE_UNNAMED_ARGUMENTS = (
    "You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? Did you mean "
    "`[{items}]`?"
)
LENGTH_ON_PRIMARY_KEY = "The length argument is not supported in the primary key with the current connector"
SORT_ON_PRIMARY_KEY = "The sort argument is not supported in the primary key with the current connector"
LENGTH_ON_INDEX = "The length argument is not supported in an index definition with the current connector"
CLUSTERING = "Defining clustering is not supported in the current connector."
SHARD_KEY_PREVIEW = "Defining shard keys requires enabling the `shardKeys` preview feature"
SHARD_KEY_PROVIDER = "Shard keys are not currently supported for provider postgresql"
FULLTEXT_INDEX = "Defining fulltext indexes is not supported with the current connector."
NAMED_DEFAULT = (
    "You defined a database name for the default value of a field on the model. This is not supported by the provider."
)
NAMED_AUTOINCREMENT = "Naming an autoincrement default value is not allowed."
EXPECTED_FUNCTION = "Expected a function value, but received {kind} value `{value}`."
EXPECTED_STRING = "Expected a string value, but received {kind} value `{value}`."
ONE_TO_ONE_NOT_UNIQUE = (
    'Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. Either '
    "add {remedy}, or change the relation to one-to-many."
)
NOT_A_RELATION = 'Error parsing attribute "@relation": Invalid field type, not a relation.'

# Default values (drift.prisma.default_rules). Most are a detail after INVALID_INDEX_ATTRIBUTE; DEFAULT_PARSE_DECIMAL
# is Prisma's own quirk: "default" without the `@`.
DEFAULT_ON_RELATION = "Cannot set a default value on a relation field."
DEFAULT_ON_UNSUPPORTED = 'Only @default(dbgenerated("...")) can be used for Unsupported types.'
DEFAULT_DBGENERATED_ARGUMENT = "`dbgenerated()` takes a single String argument"
DEFAULT_NOT_ENUM = "Expected an enum value, but found `{found}`."
DEFAULT_UNKNOWN_ENUM_VALUE = (
    "The defined default value `{value}` is not a valid value of the enum specified for the field."
)
DEFAULT_AUTO = "The current connector does not support the `auto()` function."
DEFAULT_UNKNOWN_FUNCTION = (
    "Unknown function in @default(): `{name}` is not known. You can read about the available functions here: "
    "https://pris.ly/d/attribute-functions"
)
DEFAULT_FUNCTION_TYPE = "The function `{name}()` cannot be used on fields of type `{type}`."
DEFAULT_NO_ARGUMENTS = (
    "The `{name}` function does not take any argument. Consider changing this default to `{name}()`."
)
DEFAULT_INTEGER_ARGUMENT = "`{name}()` takes a single Int argument."
DEFAULT_UUID_VERSION = "`uuid()` takes either no argument, or a single integer argument which is either 4 or 7."
DEFAULT_CUID_VERSION = "`cuid()` takes either no argument, or a single integer argument which is either 1 or 2."
DEFAULT_NANOID_LENGTH = "`nanoid()` takes either no argument, or a single integer argument between 2 and 255."
DEFAULT_LIST_ON_SCALAR = "The default value of a non-list field cannot be a list."
DEFAULT_SCALAR_ON_LIST = "The default value of a list field must be a list."
DEFAULT_BOOLEAN = "A boolean literal must be `true` or `false`."
DEFAULT_WRONG_TYPE = "Expected a {type} value, but found `{found}`."
DEFAULT_PARSE_INTEGER = 'Error parsing attribute "@default": Parse error: "{text}" is not a valid integer. ({detail})'
DEFAULT_PARSE_DATETIME = (
    'Error parsing attribute "@default": Parse error: "{text}" is not a valid rfc3339 datetime string. ({detail})'
)
DEFAULT_PARSE_DECIMAL = 'Error parsing attribute "default": Parse error: "{text}" is not a valid decimal. ({detail})'
DEFAULT_PARSE_JSON = 'Error parsing attribute "@default": Parse error: "{text}" is not a valid JSON string. ({detail})'
DEFAULT_PARSE_BYTES = 'Error parsing attribute "@default": Parse error: "{text}" is not a valid base64 string. ({detail})'

# Configuration blocks (drift.prisma.config_rules).
TWO_DATASOURCES = (
    "Error validating datasource `{name}`: You defined more than one datasource. This is not allowed yet because "
    "support for multiple databases has not been implemented yet."
)
DATASOURCE_NO_PROVIDER = 'Argument "provider" is missing in data source block "{name}".'
STRING_EXTENSION = 'Expected a constant or function value, but received string value `"{value}"`.'
BOTH_RELATION_MODES = (
    "The `referentialIntegrity` and `relationMode` attributes cannot be used together. Please use only "
    "`relationMode` instead."
)
PROVIDER_FROM_ENV = "A datasource must not use the env() function in the provider argument."
PROVIDER_NOT_STRING = (
    "Error validating datasource `{name}`: The provider argument in a datasource must be a string literal"
)
GENERATOR_NO_PROVIDER = 'Argument "provider" is missing in generator block "{name}".'
UNKNOWN_PROPERTY = 'Property not known: "{name}".'
PREVIEW_FEATURES_IN_DATASOURCE = (
    "Preview features are only supported in the generator block. Please move this field to the generator block."
)
EXTENSIONS_PREVIEW = "The `extensions` property is only available with the `postgresqlExtensions` preview feature."
EMPTY_SCHEMAS = "If provided, the schemas array can not be empty."
DUPLICATE_SCHEMA = "Duplicated schema names are not allowed"
VIEWS_PREVIEW = "Error validating: View definitions are only available with the `views` preview feature."
COMPOSITE_TYPES_POSTGRES = "Error validating: Composite types are not supported on Postgres."

# Enums and schemas (resolve).
ENUM_VALUE_CHARACTER = "Error validating: The character `{character}` is not allowed in Enum Value names."
EMPTY_ENUM = "Error validating: An enum must have at least one value."
SCHEMA_NOT_DEFINED = (
    "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema"
)
SCHEMA_WITHOUT_DATASOURCE = "@@schema is not supported on the current datasource provider"
MISSING_SCHEMA = 'Error validating {block} "{name}": This {block} is missing an `@@schema` attribute.'
ENUM_MISSING_SCHEMA = "This enum is missing an `@@schema` attribute."

# Files.
CANNOT_READ = 'Cannot read "{path}": {reason}.'
NO_SCHEMA_FILES = 'No .prisma files found in "{path}".'

# What the grammar's terminal names mean to a user, for "expected ..." hints.
TERMINAL_NAMES = {
    "NAME": "a name",
    "STRING": "a string",
    "NUMBER": "a number",
    "TYPE_SUFFIX": "`?` or `[]`",
    "FIELD_ATTRIBUTE": "an attribute such as `@id`",
    "FIELD_ATTRIBUTE_WITH_ARGUMENTS": "an attribute such as `@id`",
    "BLOCK_ATTRIBUTE": "a block attribute such as `@@index`",
    "BLOCK_ATTRIBUTE_WITH_ARGUMENTS": "a block attribute such as `@@index`",
    "BLOCK_LINE": "a block attribute such as `@@index`",
    "FIELD_HEAD": "a field name and type",
    "FIELD_LINE": "a field name and type",
    "MODEL_KEYWORD": "`model`, `view` or `type`",
    "ENUM_KEYWORD": "`enum`",
    "CONFIG_KEYWORD": "`datasource` or `generator`",
    "RBRACE": "`}`",
    "LBRACE": "`{`",
    "RPAR": "`)`",
    "LPAR": "`(`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "COMMA": "`,`",
    "COLON": "`:`",
    "EQUAL": "`=`",
    "_NL": "the end of the line",
    "$END": "the end of the file",
}

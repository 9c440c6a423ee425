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
MISSING_BLOCK_NAME = "A {keyword} block needs a name and an opening brace: `{keyword} Name {{`."
UNEXPECTED_CLOSING_BRACE = "This closing brace does not close any block."
UNTERMINATED_STRING = "This string is not terminated: a closing quote is missing on this line."
UNEXPECTED_TOKEN_HINT = "Expected {expected}."
SYNTAX_ERROR = "Syntax error: unexpected {found}."

# Light validation that needs only syntax.
DUPLICATE_TOP_LEVEL = 'The {kind} "{name}" cannot be defined because a {other_kind} with that name already exists.'
DUPLICATE_FIELD = 'Field "{field}" is already defined on {kind} "{block}".'
DUPLICATE_ENUM_VALUE = 'Value "{value}" is already defined on enum "{block}".'
DUPLICATE_PROPERTY = 'Key "{key}" is already defined in {kind} "{block}".'

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

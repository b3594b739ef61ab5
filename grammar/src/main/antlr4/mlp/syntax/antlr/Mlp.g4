// The grammar of .mlp (see LANGUAGE.md). One file: lexer and parser rules.
//
// Newlines are statement separators. Which newlines count is decided before the parser sees
// them, by mlp.syntax.NewlineFilter: inside () and [], after a trailing binary operator, and
// before a line that starts with |> they are dropped. The parser below therefore treats NL as
// an ordinary separator token.
grammar Mlp;

program
    : sep* (statement (sep+ statement)*)? sep* EOF
    ;

sep : NL | ';' ;

// One alternative for `expr` and `target = expr` (a name, a list of names [a, b], or a member
// such as model[0].weight; mlp.syntax.AstBuilder checks which), so that the parser never has to
// look ahead over a whole expression to choose between an assignment and an expression.
statement
    : ID op=(PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) expr   # compound
    | FOR (ID | '[' ID (',' ID)* ','? ']') IN expr block   # for
    | target=expr ('=' value=expr)?                 # exprStatement
    ;

// { statements }: inside braces a newline ends a statement again (see NewlineFilter).
block
    : '{' sep* (statement (sep+ statement)*)? sep* '}'
    ;

ifExpr
    : IF cond=expr then=block (ELSE (ifExpr | otherwise=block))?
    ;

// Alternatives listed first bind tightest (ANTLR's left-recursion precedence).
expr
    : expr '(' arguments? ')'                                   # call
    | expr '[' index (',' index)? ']'                           # indexing
    | expr '.' ID                                               # member
    | expr '\''                                                 # transpose
    | <assoc=right> expr op=('^' | '**') expr                   # power
    | '-' expr                                                  # negate
    | expr op=('*' | '/' | '@') expr                            # multiply
    | expr op=('+' | '-') expr                                  # add
    | expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') expr      # compare
    | expr '|>' expr                                            # pipe
    | params '->' expr                                          # lambda
    | NUMBER                                                    # number
    | STRING                                                    # string
    | (TRUE | FALSE)                                            # bool
    | ID                                                        # name
    | '[' (expr (',' expr)* ','?)? ']'                          # list
    | '(' expr ')'                                              # paren
    | block                                                     # blockExpr
    | ifExpr                                                    # conditional
    ;

params
    : ID
    | '(' (ID (',' ID)*)? ')'
    ;

arguments
    : argument (',' argument)* ','?
    ;

argument
    : ID '=' expr                                   # namedArgument
    | expr                                          # positionalArgument
    ;

index
    : expr                                          # at
    | start=expr? ':' stop=expr? (':' step=expr?)?  # slice
    ;

// ---- lexer ----

TRUE  : 'true' ;
FALSE : 'false' ;
FOR   : 'for' ;
IN    : 'in' ;
IF    : 'if' ;
ELSE  : 'else' ;

NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

ID : [a-zA-Z_] [a-zA-Z_0-9]* ;

STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;
// A string that reaches the end of its line: reported as "unterminated string", not as noise.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;
fragment ESCAPE : '\\' ~[\r\n] ;

PIPE   : '|>' ;
PLUS_ASSIGN  : '+=' ;
MINUS_ASSIGN : '-=' ;
STAR_ASSIGN  : '*=' ;
SLASH_ASSIGN : '/=' ;
ARROW  : '->' ;
EQ     : '==' ;
NE     : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
POW2   : '**' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
AT     : '@' ;
CARET  : '^' ;
QUOTE  : '\'' ;
DOT    : '.' ;
COMMA  : ',' ;
COLON  : ':' ;
SEMI   : ';' ;
ASSIGN : '=' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

NL      : '\r'? '\n' | '\r' ;
WS      : [ \t\f]+ -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Anything else is one bad character, reported by the parser front with its position.
BAD_CHAR : . ;

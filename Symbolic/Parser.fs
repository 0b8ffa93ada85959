namespace Latent.Symbolic

open System
open System.Collections.Generic
open FParsec

/// Reads formulas: one expression, a list of statements, or a program whose definitions are
/// substituted into later statements. Every user mistake comes back as an Error with the line and
/// column of the offending token and a one-line message; nothing here throws on user input.
[<RequireQualifiedAccess>]
module Parser =
    type private P<'a> = Parser<'a, unit>

    /// The label of "an operand could start here"; an error that expected one reports the token
    /// that was found instead ("unexpected '*'").
    let private operandLabel = "expression"

    /// Deeper nesting (parentheses, unary signs, powers) is refused: the parser is recursive and
    /// a stack overflow could not be caught.
    let private maxDepth = 100

    let private unary (f: Expr -> Expr) (args: Expr list) = f args.Head
    let private binary (f: Expr -> Expr -> Expr) (args: Expr list) = f args.[0] args.[1]

    /// Functions by name: arity and how to build the call.
    let private functions : Map<string, int * (Expr list -> Expr)> =
        Map
            [ "exp", (1, unary Expr.exp)
              "log", (1, unary Expr.log)
              "ln", (1, unary Expr.log)
              "sqrt", (1, unary Expr.sqrt)
              "sin", (1, unary Expr.sin)
              "cos", (1, unary Expr.cos)
              "tanh", (1, unary Expr.tanh)
              "erf", (1, unary Expr.erf)
              "erfc", (1, unary Expr.erfc)
              "abs", (1, unary Expr.abs)
              "pow", (2, binary Expr.pow)
              "min", (2, binary Expr.minimum)
              "max", (2, binary Expr.maximum)
              "select", (3, (fun args -> Expr.select args.[0] args.[1] args.[2])) ]

    /// Names that are functions in formulas, hence neither symbols nor definable.
    let functionNames : Set<string> = functions |> Seq.map (fun kv -> kv.Key) |> Set.ofSeq

    let private isNameStart (c: char) = isAsciiLetter c || c = '_'
    let private isNameChar (c: char) = isAsciiLetter c || isDigit c || c = '_'

    /// Fails at an earlier point of the input (the start of the offending token), so that the
    /// error carries that token's line and column. Fatal: no alternative may paper over it.
    let private failAt (state: CharStreamState<unit>) (message: string) (stream: CharStream<unit>) : Reply<'a> =
        let mutable s = state
        stream.BacktrackTo(&s)
        Reply(FatalError, messageError message)

    /// Spaces, tabs and comments up to (not including) the end of the line: between the tokens of
    /// a statement, where a newline ends the statement.
    let private spacesInLine : P<unit> =
        fun stream ->
            let mutable more = true
            while more do
                match stream.Peek() with
                | ' '
                | '\t' -> stream.Skip()
                | '#' -> stream.SkipRestOfLine(false)
                | _ -> more <- false
            Reply(())

    /// Any whitespace, newlines and comments: inside parentheses and in a lone expression.
    let private spacesAnywhere : P<unit> =
        fun stream ->
            let mutable more = true
            while more do
                stream.SkipWhitespace() |> ignore
                if stream.Peek() = '#' then stream.SkipRestOfLine(false) else more <- false
            Reply(())

    let private name : P<string> = many1Satisfy2L isNameStart isNameChar "name"

    // ASCII digits only: .NET's \d also matches other scripts' digits, which no number parser accepts.
    let private numberText : P<string> = regexL @"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?" "number"

    /// A literal: digits only are exact integers, anything with '.' or an exponent a double.
    let private number : P<Expr> =
        fun stream ->
            let start = stream.State
            let reply = numberText stream
            if reply.Status <> Ok then Reply(reply.Status, reply.Error)
            else
                match Number.tryParse reply.Result with
                | Some n -> Reply(Expr.ofNumber n)
                | None -> failAt start (sprintf "number '%s' is out of range" reply.Result) stream

    /// The expression grammar, loosest first: comparison (non-associative), + and -, * and /,
    /// unary sign, ^ (right-associative, ** as a synonym) and operands. `spaces` is skipped after
    /// every token; `inner` parses the inside of parentheses and argument lists, where newlines
    /// never end a statement. `depth` counts the current nesting of this one parse.
    let private grammar (library: IReadOnlyDictionary<string, FunctionDefinition>) (spaces: P<unit>) (inner: P<Expr>) (depth: int ref) : P<Expr> =
        let operator (text: string) = skipString text >>. spaces <?> "operator"
        let openParen = skipChar '(' >>. spacesAnywhere
        let closeParen = skipChar ')' <?> "')'"
        let comma = skipChar ',' >>. spacesAnywhere <?> "','"

        let parenthesised : P<Expr> = openParen >>. inner .>> closeParen .>> spaces

        /// A name: a symbol, the constant pi, or a function call with its arguments.
        let nameOrCall : P<Expr> =
            fun stream ->
                let start = stream.State
                let reply = name stream
                if reply.Status <> Ok then Reply(reply.Status, reply.Error)
                else
                    let id = reply.Result
                    spaces stream |> ignore
                    // Built-in functions first; then the caller's library, expanded in place.
                    let found =
                        match functions.TryFind id with
                        | Some f -> Some f
                        | None ->
                            match library.TryGetValue id with
                            | true, def ->
                                let expand (args: Expr list) =
                                    let bindings = Dictionary<string, Expr>()
                                    List.iter2 (fun p a -> bindings.[p] <- a) def.Parameters args
                                    Expr.substitute bindings def.Body
                                Some(def.Parameters.Length, expand)
                            | _ -> None
                    match stream.Peek(), found with
                    | '(', None when Expr.constantNames.Contains id -> failAt start (sprintf "'%s' is a constant, not a function" id) stream
                    | '(', None -> failAt start (sprintf "unknown function '%s'" id) stream
                    | '(', Some(arity, build) ->
                        let args = (openParen >>. sepBy inner comma .>> closeParen .>> spaces) stream
                        if args.Status <> Ok then Reply(args.Status, args.Error)
                        else
                            let count = args.Result.Length
                            if count = arity then
                                let call = build args.Result
                                let divides (e: Expr) = (Expr.divisionByZero e).IsSome
                                if divides call && not (List.exists divides args.Result) then
                                    failAt start (sprintf "division by zero in '%s': an argument makes a divisor 0" id) stream
                                else Reply(call)
                            else
                                let plural = if arity = 1 then "argument" else "arguments"
                                failAt start (sprintf "'%s' takes %d %s, got %d" id arity plural count) stream
                    | _, Some _ -> failAt start (sprintf "'%s' is a function: write %s(...)" id id) stream
                    | _, None -> Reply(Expr.symbol id)

        // Dispatch on the first character rather than trying alternatives, so that an operand
        // that is missing yields exactly one expectation, "expression".
        let operand : P<Expr> =
            fun stream ->
                let c = stream.Peek()
                if isDigit c || (c = '.' && isDigit (stream.Peek 1)) then (number .>> spaces) stream
                elif isNameStart c then nameOrCall stream
                elif c = '(' then parenthesised stream
                else Reply(Error, expected operandLabel)

        let signed, signedRef = createParserForwardedToRef<Expr, unit> ()

        let power : P<Expr> =
            fun stream ->
                let b = operand stream
                if b.Status <> Ok then b
                else
                    let hat = opt (operator "**" <|> operator "^") stream
                    if hat.Status <> Ok || hat.Result.IsNone then Reply(hat.Status, b.Result, mergeErrors b.Error hat.Error)
                    else
                        let exponentStart = stream.State
                        let e = signed stream
                        if e.Status <> Ok then Reply(e.Status, e.Error)
                        else
                            let p = Expr.pow b.Result e.Result
                            match Expr.divisionByZero p, p with
                            | Some _, _ when (Expr.divisionByZero b.Result).IsNone && (Expr.divisionByZero e.Result).IsNone ->
                                failAt exponentStart "division by zero: 0 to a negative power" stream
                            | _, Expr.Num n when not (Number.isFinite n) -> failAt exponentStart "the value is beyond the range of a double" stream
                            | _ -> Reply(p)

        let negated = operator "-" >>. signed |>> Expr.negate
        let plus = operator "+" >>. signed

        // A sign binds looser than ^ (-x^2 is -(x^2)) and may follow ^ (2^-x). Every level of
        // nesting passes through here, so this is where the depth is counted.
        signedRef.Value <-
            fun stream ->
                depth.Value <- depth.Value + 1
                let reply =
                    if depth.Value > maxDepth then Reply(FatalError, messageError "expression is nested too deeply")
                    else
                        match stream.Peek() with
                        | '-' -> negated stream
                        | '+' -> plus stream
                        | _ -> power stream
                depth.Value <- depth.Value - 1
                reply

        // A chain `a op b op c ...` is built with one n-ary sum or product, not pairwise: a pairwise
        // build re-flattens the growing left side at every operator, quadratic in the chain's length.
        // `combine` gets each operand after the first with its operator and where it starts.
        let chain (operand: P<Expr>) (operators: P<bool>) (combine: bool -> Expr -> CharStreamState<unit> -> CharStream<unit> -> Result<Expr, Reply<Expr>>) (build: Expr list -> Expr) : P<Expr> =
            fun stream ->
                let chainStart = stream.State
                let first = operand stream
                if first.Status <> Ok then first
                else
                    let items = ResizeArray [ first.Result ]
                    let mutable outcome = None
                    let mutable error = first.Error
                    while outcome.IsNone do
                        let tag = stream.StateTag
                        let op = operators stream
                        if op.Status <> Ok then
                            // No operator here: the chain ends (an operator that failed after consuming input is an error).
                            outcome <-
                                Some(
                                    if op.Status = Error && stream.StateTag = tag then
                                        match build (List.ofSeq items) with
                                        | Expr.Num n when not (Number.isFinite n) -> failAt chainStart "the value is beyond the range of a double" stream
                                        | built -> Reply(Ok, built, mergeErrors error op.Error)
                                    else Reply(op.Status, op.Error))
                        else
                            let start = stream.State
                            let next = operand stream
                            if next.Status <> Ok then outcome <- Some(Reply(next.Status, next.Error))
                            else
                                match combine op.Result next.Result start stream with
                                | Result.Ok item ->
                                    items.Add item
                                    error <- next.Error
                                | Result.Error failure -> outcome <- Some failure
                    outcome.Value

        // "**" is taken by power before a product sees it, so a lone '*' here is multiplication.
        let term =
            chain signed ((operator "*" >>% false) <|> (operator "/" >>% true))
                (fun divides factor start stream ->
                    if not divides then Result.Ok factor
                    elif Expr.isZero factor then Result.Error(failAt start "division by zero: the divisor is 0" stream)
                    else Result.Ok(Expr.reciprocal factor))
                Expr.product
        let additive =
            chain term ((operator "+" >>% false) <|> (operator "-" >>% true))
                (fun subtracts t _ _ -> Result.Ok(if subtracts then Expr.negate t else t))
                Expr.sum

        let relation =
            choice
                [ operator "<=" >>% LessEqual
                  operator "<" >>% Less
                  operator ">=" >>% GreaterEqual
                  operator ">" >>% Greater ]

        let chained : P<unit> =
            fun stream ->
                match stream.Peek() with
                | '<'
                | '>' -> Reply(FatalError, messageError "comparisons cannot be chained; use parentheses")
                | _ -> Reply(())

        pipe2 additive (opt (relation .>>. additive .>> chained)) (fun a rest ->
            match rest with
            | Some(r, b) -> Expr.compare r a b
            | None -> a)

    /// The grammar for one parse: newline-insensitive inside parentheses, and at the top level
    /// with the given whitespace.
    let private expressionParserWith (library: IReadOnlyDictionary<string, FunctionDefinition>) (spaces: P<unit>) : P<Expr> =
        let depth = ref 0
        let inner, innerRef = createParserForwardedToRef<Expr, unit> ()
        innerRef.Value <- grammar library spacesAnywhere inner depth
        grammar library spaces inner depth

    let private noLibrary : IReadOnlyDictionary<string, FunctionDefinition> = Dictionary<string, FunctionDefinition>() :> _

    let private expressionParser (spaces: P<unit>) : P<Expr> = expressionParserWith noLibrary spaces

    /// The token at a character index, for "unexpected ..." messages.
    let private tokenAt (text: string) (index: int) : string =
        let c = text.[index]
        let run (ok: char -> bool) =
            let mutable j = index
            while j < text.Length && ok text.[j] do j <- j + 1
            text.Substring(index, j - index)
        if c = '\n' || c = '\r' then "end of line"
        elif isNameStart c then "'" + run isNameChar + "'"
        elif isDigit c then "'" + run (fun ch -> isDigit ch || ch = '.') + "'"
        else
            let two = if index + 1 < text.Length then text.Substring(index, 2) else ""
            if List.contains two [ "**"; "<="; ">="; "=="; "!=" ] then "'" + two + "'" else "'" + string c + "'"

    /// One concise message for an FParsec error: a message raised on purpose wins; a missing
    /// operand names what was found instead; missing punctuation names what was expected.
    let private toParseError (text: string) (error: ParserError) : ParseError =
        let messages = ErrorMessageList.ToSortedArray error.Messages
        let custom = messages |> Array.tryPick (function :? ErrorMessage.Message as m -> Some m.String | _ -> None)
        let expectations = messages |> Array.choose (function :? ErrorMessage.Expected as e -> Some e.Label | _ -> None) |> Set.ofArray
        let index = int error.Position.Index
        let unexpected = if index >= text.Length then "unexpected end of input" else "unexpected " + tokenAt text index
        let message =
            match custom with
            | Some m -> m
            | None when expectations.Contains operandLabel -> unexpected
            | None ->
                match [ "','"; "')'" ] |> List.filter expectations.Contains with
                | [] -> unexpected
                | punctuation -> "expected " + String.Join(" or ", punctuation)
        { Position = { Line = int error.Position.Line; Column = int error.Position.Column }
          Message = message }

    let private run' (parser: P<'a>) (text: string) : Result<'a, ParseError> =
        match runParserOnString parser () "" text with
        | Success(result, _, _) -> Result.Ok result
        | Failure(_, error, _) -> Result.Error(toParseError text error)

    /// Parses one expression; the whole input must be that expression (newlines count as spaces).
    let parseExpression (text: string) : Result<Expr, ParseError> =
        run' (spacesAnywhere >>. expressionParser spacesAnywhere .>> eof) text

    /// One expression that may also call the functions of `library` (e.g. the shipped component
    /// library, or functions a potential file defines); built-in names take precedence.
    let parseExpressionWith (library: IReadOnlyDictionary<string, FunctionDefinition>) (text: string) : Result<Expr, ParseError> =
        run' (spacesAnywhere >>. expressionParserWith library spacesAnywhere .>> eof) text

    /// `name =` at the start of a statement, or nothing (and no input consumed).
    let private definitionHead : P<string option> =
        fun stream ->
            let start = stream.State
            let reply = name stream
            if reply.Status <> Ok then
                let mutable s = start
                stream.BacktrackTo(&s)
                Reply(None)
            else
                spacesInLine stream |> ignore
                if stream.Peek() = '=' && stream.Peek 1 <> '=' then
                    stream.Skip()
                    spacesInLine stream |> ignore
                    Reply(Some reply.Result)
                else
                    let mutable s = start
                    stream.BacktrackTo(&s)
                    Reply(None)

    let private statements () : P<Statement list> =
        let body = expressionParser spacesInLine
        let statement : P<Statement> =
            fun stream ->
                let start = stream.State
                let position = { Line = int stream.Line; Column = int stream.Column }
                let head = definitionHead stream
                match head.Result with
                | Some n when Expr.constantNames.Contains n -> failAt start (sprintf "'%s' is a constant and cannot be defined" n) stream
                | Some n when functionNames.Contains n -> failAt start (sprintf "'%s' is a function and cannot be defined" n) stream
                | _ ->
                    let reply = body stream
                    if reply.Status <> Ok then Reply(reply.Status, reply.Error)
                    else Reply({ Name = head.Result; Body = reply.Result; Position = position })
        let separator = (skipChar ';' <|> skipNewline) >>. spacesInLine <?> "end of statement"
        spacesInLine >>. skipMany separator >>. many (statement .>> (skipMany1 separator <|> eof)) .>> eof

    /// Parses statements separated by ';' or newlines: `name = expression` or a bare expression.
    /// '#' starts a comment. Definitions are kept as written, not substituted.
    let parseStatements (text: string) : Result<Statement list, ParseError> = run' (statements ()) text

    /// Parses statements and substitutes every definition into the statements after it, so that
    /// each body depends only on free parameters. A name may be defined once, not in terms of
    /// itself, and not after a statement has already used it as a free symbol.
    let parseProgram (text: string) : Result<Statement list, ParseError> =
        parseStatements text
        |> Result.bind (fun parsed ->
            let definitions = Dictionary<string, Expr * int>()
            let bindings = Dictionary<string, Expr>()
            let firstUse = Dictionary<string, int>()
            let fail (s: Statement) message = Result.Error { Position = s.Position; Message = message }
            let rec go (done': Statement list) (rest: Statement list) =
                match rest with
                | [] -> Result.Ok(List.rev done')
                | s :: rest ->
                    let body = Expr.substitute bindings s.Body
                    match s.Name with
                    | Some n when definitions.ContainsKey n -> fail s (sprintf "'%s' is already defined (line %d)" n (snd definitions.[n]))
                    | Some n when Expr.dependsOn n s.Body -> fail s (sprintf "'%s' is defined in terms of itself" n)
                    | Some n when firstUse.ContainsKey n -> fail s (sprintf "'%s' is used before its definition (line %d)" n firstUse.[n])
                    | _ ->
                        for free in body.FreeSymbols do
                            if not (firstUse.ContainsKey free) then firstUse.[free] <- s.Position.Line
                        match s.Name with
                        | Some n ->
                            definitions.[n] <- (body, s.Position.Line)
                            bindings.[n] <- body
                        | None -> ()
                        go ({ s with Body = body } :: done') rest
            go [] parsed)

namespace Latent.Symbolic

/// What one written language (plain infix text, LaTeX) says about each piece of an expression.
/// ExprPrinter lays the pieces out the same way for every language: binding levels and
/// parentheses, signs of sums, numerator and denominator of products, powers, calls.
type internal Notation =
    { /// Parentheses around a text, for a child that binds looser than its place needs.
      Group: string -> string
      /// A symbol as written.
      Symbol: string -> string
      /// A non-negative double, and how tightly its text binds; ExprPrinter writes the sign.
      Real: float -> PrintedForm
      /// The factors of a product side by side; "1" when there are none.
      Factors: string list -> string
      /// Numerator factors over denominator factors (at least one): products and rational numbers.
      Quotient: string list -> string list -> string
      /// b^(1/q) written as a root, from the exponent: a function of the base's text, or None.
      Root: Number -> (string -> string) option
      /// Whether a base of this shape, printed as an unsigned atom, may stand without parentheses.
      AtomicBase: Expr -> bool
      /// The exponent's text written after the base (^x).
      Superscript: string -> string
      /// Whether Superscript delimits the exponent (LaTeX's braces), so it never needs parentheses.
      SuperscriptDelimits: bool
      /// A function's name in a call: the name, then the argument in Group.
      FunctionName: Func -> string
      /// A call written otherwise than name(argument), from the argument and its text; None for the usual form.
      SpecialCall: Func -> Expr -> string -> PrintedForm option
      /// A comparison's operator.
      Relation: Relation -> string
      /// select(condition, a, b) from the three texts.
      Select: string -> string -> string -> PrintedForm }

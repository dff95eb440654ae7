namespace Tiketi; internal static class Placeholder { }

fn main() -> std::process::ExitCode {
    thematic::cli::main()
}

fn main() {
    let mut buf = itoa::Buffer::new();
    println!("greet {}", buf.format(42));
}

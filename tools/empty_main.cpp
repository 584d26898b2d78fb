int main() { return 2; }  // placeholder used only while cli/ has no sources

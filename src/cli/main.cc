#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
  return cloud_tasks::cli::Main(std::vector<std::string>(argv + 1, argv + argc));
}

#pragma once
// Helpers shared by the taskfile tests: temp files, gzip, reading everything.

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile::testing_util {

inline std::string TempPath(const std::string& name) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string test = std::string(info->test_suite_name()) + "_" + info->name();
  for (char& c : test) {
    if (c == '/') c = '_';  // parameterized test names
  }
  return ::testing::TempDir() + "ct_taskfile_" + test + "_" + name;
}

/// Every file WriteFile created (removed by the environment in format_test.cc).
inline std::vector<std::string>& CreatedFiles() {
  static std::vector<std::string> files;
  return files;
}

/// Writes `content` to a fresh temp file named after the test; returns its path.
inline std::string WriteFile(const std::string& name, const std::string& content) {
  std::string path = TempPath(name);
  CreatedFiles().push_back(path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return path;
}

/// gzip-compresses `content` in memory (deflate with a gzip wrapper).
inline std::string Gzip(const std::string& content) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, content.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  zs.avail_in = static_cast<uInt>(content.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline std::string WriteGzipFile(const std::string& name, const std::string& content) {
  return WriteFile(name, Gzip(content));
}

/// Reads every task; returns the error status if reading fails.
inline Result<std::vector<Task>> ReadAll(const std::string& path, ReaderOptions options = {}) {
  CT_ASSIGN_OR_RETURN(auto reader, TaskReader::Open(path, options));
  std::vector<Task> tasks;
  Task task;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool got, reader->Next(task));
    if (!got) return tasks;
    tasks.push_back(task);
  }
}

/// The error message of reading `path` fully ("" when it succeeds).
inline std::string ReadError(const std::string& path) {
  auto tasks = ReadAll(path);
  if (tasks.ok()) return "";
  EXPECT_EQ(tasks.status().code(), ErrorCode::kInvalidArgument) << tasks.status().ToString();
  return tasks.status().message();
}

}  // namespace cloud_tasks::taskfile::testing_util

#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

using namespace server;
using test_support::TempDir;
using test_support::write_file;

namespace {

struct WebRoot {
    TempDir outside;
    std::filesystem::path root;
    WebRoot() : root(outside.path() / "web") {
        std::filesystem::create_directories(root / "img");
        write_file(root / "index.html", "<h1>hi</h1>");
        write_file(root / "app.js", "1");
        write_file(root / "img" / "logo.svg", "<svg/>");
        write_file(outside.path() / "secret.txt", "secret");
    }
};

}  // namespace

TEST(StaticFiles, RootServesIndexAsHtml) {
    WebRoot web;
    auto f = load_static_file(web.root, "/");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->body, "<h1>hi</h1>");
    EXPECT_EQ(f->content_type, "text/html; charset=utf-8");
}

TEST(StaticFiles, ServesNestedFilesWithTheirType) {
    WebRoot web;
    EXPECT_EQ(load_static_file(web.root, "/app.js")->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(load_static_file(web.root, "/img/logo.svg")->content_type, "image/svg+xml");
}

TEST(StaticFiles, RefusesPathsLeavingTheRoot) {
    WebRoot web;
    EXPECT_FALSE(load_static_file(web.root, "/../secret.txt"));
    EXPECT_FALSE(load_static_file(web.root, "/img/../../secret.txt"));
    EXPECT_FALSE(load_static_file(web.root, "/%2e%2e/secret.txt"));
    EXPECT_FALSE(load_static_file(web.root, "//etc/passwd"));
}

TEST(StaticFiles, RefusesSymlinksOutOfTheRoot) {
    WebRoot web;
    std::filesystem::create_symlink(web.outside.path() / "secret.txt", web.root / "link.txt");
    EXPECT_FALSE(load_static_file(web.root, "/link.txt"));
}

TEST(StaticFiles, MissingFilesAndDirectoriesAreNotFound) {
    WebRoot web;
    EXPECT_FALSE(load_static_file(web.root, "/nope.html"));
    EXPECT_FALSE(load_static_file(web.root, "/img"));
}

TEST(StaticFiles, OneFileHasOneNameNotManySpellings) {
    WebRoot web;
    for (const char* spelling : {"/./app.js", "/././app.js", "/img/./logo.svg", "/app.js/", "/img//logo.svg",
                                 "/img/logo.svg/.", "/./"}) {
        EXPECT_FALSE(load_static_file(web.root, spelling)) << spelling;
    }
    EXPECT_TRUE(load_static_file(web.root, "/app.js"));
    EXPECT_TRUE(load_static_file(web.root, "/img/logo.svg"));
}

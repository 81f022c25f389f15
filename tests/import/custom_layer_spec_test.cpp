// The SPEC of `--layer CLASS=SPEC` (ReadOptions::custom_layers): Keras' call
// syntax with Python literals, read into the config the named layer would
// have in a file; every malformed SPEC is one error naming it, the position
// and what was expected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ganforge/core/error.hpp>
#include "readers/custom_layers.hpp"
#include "readers/python_call.hpp"
#include "runtime/keras_config_fields.hpp"
#include "runtime/keras_layer_config.hpp"

namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::string error_of(auto read) {
    try {
        read();
    } catch (const ganforge::Error& e) {
        return e.what();
    }
    return "(no error)";
}

ganforge::PythonCall call(const std::string& text) { return ganforge::parse_python_call(text, "spec"); }

ganforge::CustomLayer mapped(const std::string& spec) {
    return ganforge::parse_custom_layers({{"MyClass", spec}}, "model.json").at("MyClass");
}

TEST(CustomLayerSpec, PythonLiterals) {
    const auto c = call("X( 3, -2, +1.5, 1e-3, .5, 5., 'it\\'s', \"a\\\"b\", True, False, None, (2, 2), (7,), (7), "
                        "(), [1, [2, (3, 4)]], key = 'v', trailing=1, )");
    EXPECT_EQ(c.callee, "X");
    const json expected = json::array({3, -2, 1.5, 1e-3, 0.5, 5.0, "it's", "a\"b", true, false, nullptr,
                                       json::array({2, 2}), json::array({7}), 7, json::array(),
                                       json::array({1, json::array({2, json::array({3, 4})})})});
    EXPECT_EQ(json(c.positional), expected);
    EXPECT_TRUE(c.positional[0].is_number_integer());
    EXPECT_TRUE(c.positional[5].is_number_float());  // 5. is a float, as in Python
    ASSERT_EQ(c.keywords.size(), 2u);
    EXPECT_EQ(c.keywords[0], (std::pair<std::string, json>{"key", "v"}));
    EXPECT_EQ(c.keywords[1], (std::pair<std::string, json>{"trailing", 1}));
}

TEST(CustomLayerSpec, SyntaxErrorsNameThePositionAndWhatWasExpected) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"", "at character 1: expected a ganforge layer class, such as LeakyReLU, got the end"},
        {"LeakyReLU", "at character 10: expected '(' after the class name"},
        {"LeakyReLU(alpha=)", "at character 17: expected a value (a number, a string in quotes, True, False, None, "
                              "a tuple or a list), got ')'"},
        {"LeakyReLU(alpha=0.2", "at character 20: expected ',' or ')', got the end"},
        {"LeakyReLU(alpha=relu)", "at character 17: expected a value (a number, a string in quotes such as 'relu'"},
        {"LeakyReLU(alpha=0.2, 0.3)", "at character 22: expected a keyword argument (name=value), as positional "
                                      "arguments come first, got '0'"},
        {"LeakyReLU(alpha=0.2, alpha=0.3)", "at character 22: 'alpha' is given twice"},
        {"LeakyReLU(alpha=0.2) x", "at character 22: expected the end after the call's ')', got 'x'"},
        {"Activation('relu)", "at character 18: expected the closing ' of the string, got the end"},
        {"X(size=(2, 2]", "at character 13: expected ',' or ')', got ']'"},
        {"X(a=1e999)", "at character 5: expected a finite number, got '1e999'"},
        {"X(a=1e)", "at character 7: expected the exponent's digits, got ')'"},
        {"X(a=99999999999999999999)", "at character 5: expected an integer within 64 bits"},
        {"X(a=-)", "at character 5: expected a number, got '-'"},
        {"X(a==1)", "at character 3: expected a value"},
        {"X(" + std::string(17, '[') + std::string(17, ']') + ")",
         "at character 19: expected tuples and lists nested at most 16 deep, got '['"},
    };
    for (const auto& [text, message] : cases)
        EXPECT_THAT(error_of([&] { call(text); }), HasSubstr("spec: " + message)) << text;
    EXPECT_NO_THROW(call("X(" + std::string(16, '[') + std::string(16, ']') + ")"));
}

TEST(CustomLayerSpec, PositionalArgumentsTakeKerasConstructorsNames) {
    EXPECT_EQ(mapped("LeakyReLU(0.2)").config, (json{{"negative_slope", 0.2}}));
    EXPECT_EQ(mapped("UpSampling2D((2, 3), interpolation='bilinear')").config,
              (json{{"size", {2, 3}}, {"interpolation", "bilinear"}}));
    EXPECT_EQ(mapped("Activation('tanh')").config, (json{{"activation", "tanh"}}));
    EXPECT_EQ(mapped("Conv2D(8, 3, padding='same')").config,
              (json{{"filters", 8}, {"kernel_size", 3}, {"padding", "same"}}));
    const auto m = mapped("  Dropout( rate = 0.5 ) ");
    EXPECT_EQ(m.layer_class, "Dropout");
    EXPECT_EQ(m.file_class, "MyClass");
    EXPECT_EQ(m.spec, "  Dropout( rate = 0.5 ) ");
    EXPECT_EQ(ganforge::custom_layer_note(mapped("ReLU()")), "MyClass, read as ReLU()");
}

// Nothing in the parser is written per class: every class ganforge reads
// can be named, with keyword arguments.
TEST(CustomLayerSpec, EveryGanforgeClassCanBeNamed) {
    const std::string classes = ganforge::keras_layer_classes();
    std::size_t named = 0;
    for (std::size_t start = 0; start < classes.size();) {
        const std::size_t end = std::min(classes.find(", ", start), classes.size());
        const std::string cls = classes.substr(start, end - start);
        EXPECT_EQ(mapped(cls + "(some_field=1)").layer_class, cls);
        ++named;
        start = end + 2;
    }
    EXPECT_GT(named, 10u);
}

TEST(CustomLayerSpec, ClassAndArgumentErrorsNameTheSpec) {
    const std::string spec_for = "model.json: the layer '";
    EXPECT_THAT(error_of([] { mapped("PixelShuffle(block_size=4)"); }),
                HasSubstr(spec_for + "PixelShuffle(block_size=4)' given for class 'MyClass': 'PixelShuffle' is not "
                          "a ganforge layer (ganforge's layers are Dense, "));
    EXPECT_THAT(error_of([] { mapped("Sequential()"); }), HasSubstr("'Sequential' is not a ganforge layer"));
    EXPECT_THAT(error_of([] { mapped("LeakyReLU(0.2, 0.3)"); }),
                HasSubstr("LeakyReLU takes at most 1 positional argument (negative_slope); give the others as "
                          "name=value"));
    EXPECT_THAT(error_of([] { mapped("Add(1)"); }),
                HasSubstr("Add takes no positional arguments; give them as name=value"));
    EXPECT_THAT(error_of([] { mapped("Dropout(0.5, rate=0.4)"); }),
                HasSubstr("Dropout is given 'rate' twice, by position and by name"));
    EXPECT_THAT(error_of([] { ganforge::parse_custom_layers({{"", "ReLU()"}}, "model.json"); }),
                HasSubstr("the class to map is empty"));
    EXPECT_THAT(error_of([] { mapped("LeakyReLU(alpha=0.2"); }),
                HasSubstr(spec_for + "LeakyReLU(alpha=0.2' given for class 'MyClass': at character 20"));
}

// A SPEC is read by the layer's own reader: the same LayerSpec as a file's
// layer with that config, and what that reader refuses it refuses.
TEST(CustomLayerSpec, ReadLikeAFileLayerOfThatClass) {
    const ganforge::Shape image{8, 8, 4};
    const json file_config = {{"size", {2, 2}}, {"interpolation", "bilinear"}, {"name", "up"}};
    const ganforge::LayerSpec from_file =
        ganforge::keras_layer_spec("UpSampling2D", ganforge::KerasConfigFields(file_config, "file"), image);
    const ganforge::LayerSpec from_spec =
        ganforge::read_custom_layer(mapped("UpSampling2D(size=(2, 2), interpolation='bilinear')"), "ctx", image);
    EXPECT_EQ(from_spec.kind, from_file.kind);
    EXPECT_EQ(from_spec.size, from_file.size);
    EXPECT_EQ(from_spec.interpolation, from_file.interpolation);
    EXPECT_FLOAT_EQ(ganforge::read_custom_layer(mapped("LeakyReLU(alpha=0.2)"), "ctx", image).alpha, 0.2f);

    const std::string ctx = "model.json: layer 2 'beta' (MyClass, read as ...)";
    EXPECT_THAT(error_of([&] { ganforge::read_custom_layer(mapped("LeakyReLU(alfa=0.2)"), ctx, image); }),
                HasSubstr(ctx + ": LeakyReLU takes no argument 'alfa'"));
    EXPECT_THAT(error_of([&] { ganforge::read_custom_layer(mapped("LeakyReLU(alpha='x')"), ctx, image); }),
                HasSubstr(ctx + ": alpha must be a number, got \"x\""));
    EXPECT_THAT(error_of([&] { ganforge::read_custom_layer(mapped("UpSampling2D(size=(2, 2.0))"), ctx, image); }),
                HasSubstr(ctx + ": size must be an integer, got 2.0"));
    EXPECT_THAT(error_of([&] { ganforge::read_custom_layer(mapped("Dense()"), ctx, image); }),
                HasSubstr(ctx + ": units is missing"));
}

}  // namespace

#pragma once

#include "AppFlowError.h"

#include <optional>
#include <utility>

namespace flowdesk::appflow {

// What an operation delivers: a value or an AppFlowError, never both.
template <typename T>
class AppFlowResult
{
public:
    static AppFlowResult success(T value)
    {
        AppFlowResult result;
        result.m_value = std::move(value);
        return result;
    }
    static AppFlowResult failure(AppFlowError error)
    {
        AppFlowResult result;
        result.m_error = std::move(error);
        return result;
    }

    bool ok() const { return m_value.has_value(); }
    // Only when ok().
    const T &value() const { return *m_value; }
    // Only when !ok().
    const AppFlowError &error() const { return m_error; }

private:
    AppFlowResult() = default;
    std::optional<T> m_value;
    AppFlowError m_error;
};

} // namespace flowdesk::appflow

odoo.define('asr_charter.fields', function (require) {
"use strict";

/**
 * Display widgets of the ASR views.
 *
 * - asr_year: a year held in an integer field, shown "2026" (Odoo 11 groups the digits of
 *   every integer with the language's thousands separator: "2 026" in French);
 * - asr_month: a month held in a date field (its first day), shown "10/2026" when read;
 *   edited with the usual date picker.
 */
var basicFields = require('web.basic_fields');
var fieldRegistry = require('web.field_registry');

var FieldYear = basicFields.FieldInteger.extend({
    _formatValue: function (value) {
        if (value === false || value === null || value === undefined) {
            return '';
        }
        if (typeof value === 'number') {
            return String(value);
        }
        return this._super.apply(this, arguments);
    },
});

var FieldMonth = basicFields.FieldDate.extend({
    _formatValue: function (value) {
        if (value && value.format) {
            return value.format('MM/YYYY');
        }
        return this._super.apply(this, arguments);
    },
});

fieldRegistry.add('asr_year', FieldYear);
fieldRegistry.add('asr_month', FieldMonth);

return {FieldYear: FieldYear, FieldMonth: FieldMonth};
});
